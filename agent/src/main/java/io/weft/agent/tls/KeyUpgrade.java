package io.weft.agent.tls;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code weft upgrade-keys}, inside the agent's container: gives a fleet of the first scheme a
 * salt of its own, in this host's state volume; the command line then restarts the agent, which
 * derives the new keys, and the fleet's other hosts follow it ({@link SaltAdoption}). Prints the
 * new salt; refuses, with status 2 and one line, a host whose fleet has a salt of its own
 * already.
 */
public final class KeyUpgrade {

  private KeyUpgrade() {}

  /** {@code KeyUpgrade STATE-DIR}. */
  public static void main(String[] args) {
    Path stateDir = Path.of(args.length == 1 ? args[0] : "/var/lib/weft");
    Optional<FleetSalt> kept = KeyResolution.keptSalt(stateDir);
    if (kept.isPresent() && kept.get().scheme() != FleetSalt.Scheme.PBKDF2_V1) {
      System.err.println("this fleet has a salt of its own already (" + kept.get() + ")"
          + (kept.get().alone() ? "; it joins the fleet it was sent to once that answers" : ""));
      System.exit(2);
    }
    FleetSalt salt = FleetSalt.generate();
    KeyResolution.keepSalt(stateDir, salt);
    System.out.println(salt);
  }
}
