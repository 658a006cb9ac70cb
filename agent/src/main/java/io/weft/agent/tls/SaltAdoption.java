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
 * Every {@value #PERIOD_MS} ms it asks its join candidates that are not in its cluster which
 * fleet they are; when one is a fleet it should move into ({@link FleetSalt#yieldsTo}) and that
 * fleet's certificate is signed by the CA its password makes with that salt, it keeps the salt
 * and its keys, and restarts to join with them.
 */
public final class SaltAdoption {

  static final long PERIOD_MS = 5000;

  private final KeyResolution resolution;
  private final FleetSalt own;
  private final Supplier<List<String>> candidates;
  private final Consumer<String> say;
  private final Runnable restart;
  private Thread looking;

  /**
   * @param candidates the join candidates that are not members of this host's cluster now
   * @param restart what restarts the agent (its container's restart policy brings it back)
   */
  public SaltAdoption(KeyResolution resolution, FleetSalt own, Supplier<List<String>> candidates,
      Consumer<String> say, Runnable restart) {
    this.resolution = resolution;
    this.own = own;
    this.candidates = candidates;
    this.say = say;
    this.restart = restart;
  }

  /** Starts looking, on a thread of its own that ends when a salt is taken; none when it cannot move. */
  public synchronized void start() {
    if (!own.mayYield() || looking != null) {
      return;
    }
    looking = new Thread(this::look, "weft-salt-adoption");
    looking.setDaemon(true);
    looking.start();
  }

  public synchronized void stop() {
    if (looking != null) {
      looking.interrupt();
    }
  }

  private void look() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(PERIOD_MS);
        Optional<FleetSalt> taken = resolution.adoptFrom(candidates.get(), own);
        if (taken.isPresent()) {
          say.accept("moving from the fleet of salt " + own + " to that of " + taken.get()
              + ", of the same password: restarting to join it");
          restart.run();
          return;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        say.accept("could not ask the join candidates which fleet they are: " + e.getMessage());
      }
    }
  }
}
