package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.weft.agent.UnitLocks;
import io.weft.common.agent.FleetPassword;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Argon2id as RFC 9106 defines it, and keys that are each fleet's own. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class KeyDerivationTest {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple");

  /** RFC 9106, section 5.3: Argon2id, version 0x13, with a secret and associated data. */
  @Test
  void argon2idGivesRfc9106sTestVector() {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] associated = filled(12, 0x04);
    assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
        HexFormat.of().formatHex(Argon2id.hash(password, salt, secret, associated, 32, 3, 4, 32)));
  }

  @Test
  void theSamePasswordGivesEachFleetItsOwnKeysAndTheSameKeysOnEveryHost() {
    FleetSalt one = FleetSalt.generate();
    FleetSalt two = FleetSalt.generate();
    DerivationCost cost = DerivationCost.CHEAP;
    byte[] a = KeyDerivation.derive(PASSWORD, one, cost).master();
    assertArrayEquals(a, KeyDerivation.derive(PASSWORD, one, cost).master());
    assertFalse(Arrays.equals(a, KeyDerivation.derive(PASSWORD, two, cost).master()));
    assertFalse(Arrays.equals(a, KeyDerivation.derive(FleetPassword.of("another password"), one, cost).master()));
    assertFalse(Arrays.equals(a, KeyDerivation.derive(PASSWORD, one, new DerivationCost(128, 1, 1, 1000)).master()));
    assertNotEquals(FleetCertificates.derive(KeyDerivation.derive(PASSWORD, one, cost), one).fingerprint(),
        FleetCertificates.derive(KeyDerivation.derive(PASSWORD, two, cost), two).fingerprint());
  }

  @Test
  void argon2idIsWhatTheSecondSchemeIs() {
    FleetSalt salt = FleetSalt.generate();
    DerivationCost cost = new DerivationCost(256, 2, 2, 1);
    assertArrayEquals(Argon2id.hash(PASSWORD.bytes(), salt.bytes(), null, "weft-fleet-v2".getBytes(), 256, 2, 2, 32),
        KeyDerivation.derive(PASSWORD, salt, cost).master());
  }

  @Test
  void theFirstSchemeIsPbkdf2WithTheSaltEveryOldFleetShares() {
    assertArrayEquals(KeyDerivation.fromPassword(PASSWORD.reveal().toCharArray(), 1000).master(),
        KeyDerivation.derive(PASSWORD, FleetSalt.firstScheme(), DerivationCost.CHEAP).master());
    // as the agents of such fleets derived it: the master of "pw" at 1,000 iterations
    assertEquals("a94a128d954e392801d55da8ad481e0e377a7fac3c79b6bb5e7e9fee1af18dc4",
        HexFormat.of().formatHex(KeyDerivation.fromPassword("pw".toCharArray(), 1000).master()));
  }

  @Test
  void eachPurposeGetsItsOwnSecret() {
    KeyDerivation kdf = KeyDerivation.derive(PASSWORD, FleetSalt.generate(), DerivationCost.CHEAP);
    assertFalse(Arrays.equals(kdf.secret("a"), kdf.secret("b")));
    assertEquals(32, kdf.secret("ca-ed25519").length);
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
