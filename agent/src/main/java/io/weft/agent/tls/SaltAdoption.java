package io.weft.agent.tls;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Moves a host into the fleet of its password that it should be in, when its own fleet's salt
 * may yield ({@link FleetSalt#mayYield}):
 *
 * <ul>
 *   <li>a host whose fleet was founded alone (its join candidates did not answer at its first
 *       start: they were down, or being launched at the same moment) into the fleet it was sent
 *       to join, once that answers. Before fleets had salts of their own, hosts of one password
 *       always found each other; this keeps it so;
 *   <li>a host of a fleet of the first scheme into that fleet once one of its hosts has moved to
 *       a salt of its own ({@code weft upgrade-keys}), so the whole fleet follows one command.
 * </ul>
 *
 * Every few seconds ({@link #lookOnce}) it asks its join candidates that are not in its cluster
 * which fleet they are; when one is a fleet it should move into ({@link FleetSalt#yieldsTo}) and that
 * fleet's certificate is signed by the CA its password makes with that salt, it keeps the salt
 * and its keys, and restarts to join with them.
 */
public final class SaltAdoption {

  private final KeyResolution resolution;
  private final FleetSalt own;
  private final Supplier<List<String>> candidates;
  private final Consumer<String> say;

  /** @param candidates the join candidates that are not members of this host's cluster now */
  public SaltAdoption(KeyResolution resolution, FleetSalt own, Supplier<List<String>> candidates,
      Consumer<String> say) {
    this.resolution = resolution;
    this.own = own;
    this.candidates = candidates;
    this.say = say;
  }

  /** Whether this host's fleet may move at all: when not, there is nothing to look for. */
  public boolean mayMove() {
    return own.mayYield();
  }

  /**
   * Asks the candidates once (blocking: seconds); true when this host took another fleet's salt
   * and must restart to join it.
   */
  public boolean lookOnce() {
    try {
      Optional<FleetSalt> taken = resolution.adoptFrom(candidates.get(), own);
      taken.ifPresent(salt -> say.accept("moving from the fleet of salt " + own + " to that of "
          + salt + ", of the same password: restarting to join it"));
      return taken.isPresent();
    } catch (RuntimeException e) {
      say.accept("could not ask the join candidates which fleet they are: " + e.getMessage());
      return false;
    }
  }
}
