package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.UnitLocks;
import io.weft.common.agent.FleetPassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The derivation is paid once per host, and never stands for another password, salt or cost. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class KeyCacheTest {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple");
  private static final DerivationCost CHEAP = DerivationCost.CHEAP;
  private static final FleetSalt SALT = FleetSalt.generate();

  @Test
  void keptKeysAreTakenForTheSamePasswordSaltAndCostAloneAndTheFileIsRootsAlone(@TempDir Path state) throws Exception {
    KeyDerivation made = KeyDerivation.derive(PASSWORD, SALT, CHEAP);
    KeyCache.keep(made, PASSWORD, SALT, CHEAP, state);
    Path file = state.resolve(KeyCache.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertArrayEquals(made.master(), KeyCache.kept(PASSWORD, SALT, CHEAP, state).orElseThrow().master());
    assertEquals(Optional.of(SALT), KeyCache.keptSalt(PASSWORD, state));

    assertTrue(KeyCache.kept(FleetPassword.of("another fleet's password"), SALT, CHEAP, state).isEmpty());
    assertTrue(KeyCache.kept(PASSWORD, FleetSalt.generate(), CHEAP, state).isEmpty());
    assertTrue(KeyCache.kept(PASSWORD, SALT, new DerivationCost(128, 1, 1, 1000), state).isEmpty());
    assertTrue(KeyCache.keptSalt(FleetPassword.of("another fleet's password"), state).isEmpty());
  }

  @Test
  void aFileAnAgentWroteBeforeFleetSaltsIsReadAsTheFirstScheme(@TempDir Path state) throws Exception {
    KeyDerivation old = KeyDerivation.fromPassword(PASSWORD.reveal().toCharArray(), 1000);
    KeyCache.keep(old, PASSWORD, FleetSalt.firstScheme(), CHEAP, state);
    // the very shape of the file those agents wrote
    String written = Files.readString(state.resolve(KeyCache.FILE));
    assertTrue(written.contains("\"scheme\" : \"weft-fleet-v1\"") && written.contains("\"iterations\" : 1000")
        && !written.contains("salt"), written);
    assertEquals(Optional.of(FleetSalt.firstScheme()), KeyCache.keptSalt(PASSWORD, state));
    assertArrayEquals(old.master(),
        KeyCache.kept(PASSWORD, FleetSalt.firstScheme(), CHEAP, state).orElseThrow().master());
    assertTrue(KeyCache.kept(PASSWORD, FleetSalt.firstScheme(), DerivationCost.STANDARD, state).isEmpty(),
        "kept at another number of iterations");
  }

  @Test
  void aBrokenFileIsNoKeys(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve(KeyCache.FILE),
        "{\"scheme\": \"weft-fleet-v1\", \"iterations\": 1000, \"master\": \"zz\", \"check\": \"00\"}");
    assertTrue(KeyCache.kept(PASSWORD, FleetSalt.firstScheme(), CHEAP, state).isEmpty());
    Files.writeString(state.resolve(KeyCache.FILE), "{not json");
    assertTrue(KeyCache.keptSalt(PASSWORD, state).isEmpty());
  }
}
