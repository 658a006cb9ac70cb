package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.UnitLocks;
import io.weft.common.agent.FleetPassword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The derivation in a JVM of its own gives what it gives in this one, and says what it cost. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class IsolatedDerivationTest {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple ünï");

  @Test
  void aChildJvmDerivesTheSameKeysAsThisOne() {
    for (FleetSalt salt : new FleetSalt[] {FleetSalt.generate(), FleetSalt.firstScheme()}) {
      IsolatedDerivation.Outcome child = IsolatedDerivation.derive(PASSWORD, salt, DerivationCost.CHEAP);
      assertArrayEquals(KeyDerivation.derive(PASSWORD, salt, DerivationCost.CHEAP).master(), child.keys().master());
      assertTrue(child.peakKiB() > 0, "the child reports its peak memory");
    }
  }

  /** The figure docs/security.md gives: the standard cost, once, in a fresh JVM as the agent starts it. */
  @Test
  void theStandardCostOnThisMachine() {
    FleetSalt salt = FleetSalt.generate();
    long start = System.nanoTime();
    IsolatedDerivation.Outcome child = IsolatedDerivation.derive(PASSWORD, salt, DerivationCost.STANDARD);
    long wall = (System.nanoTime() - start) / 1_000_000;
    System.out.println("FIGURE key derivation, " + DerivationCost.STANDARD.describe(salt.scheme()) + ": "
        + child.millis() + " ms inside the child, " + wall + " ms with its JVM's start, peak resident "
        + child.peakKiB() / 1024 + " MB");
    assertTrue(child.peakKiB() > DerivationCost.STANDARD.memoryKiB(), "Argon2id's memory was used: " + child.peakKiB());
  }
}
