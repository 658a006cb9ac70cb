package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.UnitLocks;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A fleet's salt: made at random, written down, and read back from its certificates. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class FleetSaltTest {

  @Test
  void aNewFleetsSaltIs128RandomBitsAndReadsBack() {
    FleetSalt salt = FleetSalt.generate();
    assertEquals(FleetSalt.Scheme.ARGON2ID_V2, salt.scheme());
    assertTrue(salt.id().matches("[0-9a-f]{32}"), salt.id());
    assertNotEquals(salt, FleetSalt.generate());
    assertEquals(salt, FleetSalt.parse(salt.toString()));
    assertEquals("weft-fleet-v2/" + salt.id(), salt.toString());
    assertEquals(FleetSalt.firstScheme(), FleetSalt.parse("weft-fleet-v1"));
    FleetSalt alone = FleetSalt.generate(true);
    assertEquals("weft-fleet-v2/" + alone.id() + "/alone", alone.toString());
    assertEquals(alone, FleetSalt.parse(alone.toString()));
    for (String bad : new String[] {"", "weft-fleet-v2/", "weft-fleet-v2/XYZ", "weft-fleet-v3/" + salt.id(), "v1"}) {
      assertThrows(WeftException.class, () -> FleetSalt.parse(bad), bad);
    }
  }

  @Test
  void anAgentsCertificateNamesItsFleetsSalt() throws Exception {
    FleetSalt salt = FleetSalt.generate();
    FleetCertificates fleet = FleetCertificates.derive(
        KeyDerivation.derive(FleetPassword.of("pw"), salt, DerivationCost.CHEAP), salt);
    assertEquals("CN=weft fleet CA,OU=weft-fleet-v2 " + salt.id() + ",O=weft",
        fleet.authority().getSubjectX500Principal().getName());
    X509Certificate leaf = fleet.issue("host1", List.of(InetAddress.getByName("172.29.0.11"))).certificate();
    assertEquals(Optional.of(salt), FleetSalt.ofIssuer(leaf.getIssuerX500Principal()));
    X509Certificate old = FleetCertificates.derive(KeyDerivation.fromPassword("pw".toCharArray(), 1000))
        .issue("host1", List.of(InetAddress.getByName("172.29.0.11"))).certificate();
    assertEquals(Optional.of(FleetSalt.firstScheme()), FleetSalt.ofIssuer(old.getIssuerX500Principal()));
    FleetSalt alone = FleetSalt.generate(true);
    X509Certificate founder = FleetCertificates.derive(KeyDerivation.derive(FleetPassword.of("pw"), alone,
        DerivationCost.CHEAP), alone).issue("host1", List.of(InetAddress.getByName("172.29.0.11"))).certificate();
    assertEquals("CN=weft fleet CA,OU=weft-fleet-v2 " + alone.id() + " alone,O=weft",
        founder.getIssuerX500Principal().getName());
    assertEquals(Optional.of(alone), FleetSalt.ofIssuer(founder.getIssuerX500Principal()));
  }

  @Test
  void anIssuerThatIsNoWeftFleetCaNamesNoFleet() {
    for (String name : new String[] {"CN=example.com", "CN=weft fleet CA,O=someone else",
        "CN=weft bridge clients CA,O=weft", "CN=weft fleet CA,OU=other unit,O=weft"}) {
      assertEquals(Optional.empty(), FleetSalt.ofIssuer(new X500Principal(name)), name);
    }
  }

  @Test
  void aFleetFoundedAloneYieldsToOneFoundedOtherwiseAndOfTwoAloneToTheLowerSalt() {
    FleetSalt low = FleetSalt.parse("weft-fleet-v2/" + "0".repeat(32) + "/alone");
    FleetSalt high = FleetSalt.parse("weft-fleet-v2/" + "f".repeat(32) + "/alone");
    FleetSalt founded = FleetSalt.parse("weft-fleet-v2/" + "f".repeat(32));
    FleetSalt other = FleetSalt.parse("weft-fleet-v2/" + "1".repeat(32));
    assertTrue(high.yieldsTo(low));
    assertFalse(low.yieldsTo(high));
    assertFalse(low.yieldsTo(low));
    assertTrue(low.yieldsTo(founded), "the fleet it was sent to join, whatever its salt");
    assertTrue(low.yieldsTo(FleetSalt.firstScheme()), "an old fleet it was sent to join");
    assertFalse(founded.yieldsTo(low));
    assertFalse(founded.yieldsTo(other), "a fleet with a salt of its own keeps it");
    assertFalse(founded.yieldsTo(FleetSalt.firstScheme()));
    assertTrue(FleetSalt.firstScheme().yieldsTo(founded), "an old fleet follows its upgraded host");
    assertFalse(FleetSalt.firstScheme().yieldsTo(low));
    assertTrue(low.mayYield() && FleetSalt.firstScheme().mayYield() && !founded.mayYield());
  }
}
