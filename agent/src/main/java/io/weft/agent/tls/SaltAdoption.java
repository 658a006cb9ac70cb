package io.weft.agent.tls;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes a host whose fleet was founded alone (its join candidates did not answer at its first
 * start: they were down, or being launched at the same moment) into the fleet it was sent to
 * join, once that answers. Until then it asks its candidates that are not in its cluster, every
 * {@value #PERIOD_MS} ms, which fleet they are; when one is a fleet it should join ({@link
 * FleetSalt#precedes}: one not founded alone, or of two founded alone the lower salt) and that
 * fleet's certificate is signed by the CA its password makes with that fleet's salt, it keeps
 * that salt and its keys and restarts, to join with them. Before fleets had salts of their own,
 * hosts of one password always found each other; this keeps it so.
 */
public final class SaltAdoption {

  static final long PERIOD_MS = 5000;

  private SaltAdoption() {}

  /**
   * Starts looking, on a thread of its own that ends when a salt is taken.
   *
   * @param candidates the join candidates that are not members of this host's cluster now
   * @param restart what restarts the agent (its container's restart policy brings it back)
   */
  public static void follow(KeyResolution resolution, FleetSalt own, Supplier<List<String>> candidates,
      Consumer<String> say, Runnable restart) {
    if (!own.alone()) {
      return;
    }
    Thread looking = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(PERIOD_MS);
          Optional<FleetSalt> taken = resolution.adoptFrom(candidates.get(), own);
          if (taken.isPresent()) {
            say.accept("this host founded its fleet alone; taking the salt of the fleet it was sent "
                + "to join (" + taken.get() + ") and restarting to join it");
            restart.run();
            return;
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          say.accept("could not ask the join candidates which fleet they are: " + e.getMessage());
        }
      }
    }, "weft-salt-adoption");
    looking.setDaemon(true);
    looking.start();
  }
}
