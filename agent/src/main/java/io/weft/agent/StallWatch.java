package io.weft.agent;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the agent's JVM when its work is stuck past any bound a healthy agent meets: a start that
 * is not ready after {@link #START_BOUND}, or one command that has run for {@link
 * #COMMAND_BOUND}. Docker's restart policy starts the agent again, which joins the fleet afresh;
 * the data plane lives in the kernel and in wireguard-go's container, so traffic goes on. Seen in
 * the fault suite: after splits and restarts in quick succession, a cluster operation that waited
 * minutes on a partition stuck in migration (every command behind it timed out), and a Vert.x join
 * that waited for ever on a member it could not reach. A restart ends both; the member the others
 * then drop is a new one's to replace within seconds.
 *
 * <p>Halts rather than exits: the shutdown hook would leave the cluster, which waits on the same
 * stuck cluster.
 */
final class StallWatch {

  private static final Logger LOG = Logger.getLogger(StallWatch.class.getName());

  /** Twenty agents starting on two cores joined in 34 s at worst: well within. */
  static final Duration START_BOUND = Duration.ofSeconds(120);
  /**
   * A command's own waits end before: Docker's calls (20 s), a cluster invocation (retried for
   * 60 s at most). Seen stuck: a put that waited on a partition in migration for minutes.
   */
  static final Duration COMMAND_BOUND = Duration.ofSeconds(75);
  /**
   * A write of this host's address holdings, blocks or DNS names to the fleet's maps: it waits
   * for the key's partition owner, and a healthy cluster answers within seconds, or, after a
   * cut, once the member out of reach is dropped (8 to 12 s). A whole test run saw one wait past
   * a minute: a cut healed just as one member suspected the master, which the master never learnt
   * (Hazelcast resolves only suspicions between members that are not the master), and every
   * operation between the two waited. A new agent joins afresh.
   */
  static final Duration CLUSTER_WRITE_BOUND = Duration.ofSeconds(30);
  static final int EXIT_STATUS = 75;
  private static final Duration POLL = Duration.ofSeconds(5);

  /** What ends the JVM: {@link Runtime#halt} in the agent, a recorder in the tests. */
  interface Halt {
    void halt(String why);
  }

  private final LongSupplier clock;
  private final Halt halt;
  private final long startedAt;
  private volatile boolean ready;
  private volatile LongSupplier commandRunningSince = () -> Long.MIN_VALUE;
  private volatile LongSupplier clusterWriteSince = () -> Long.MIN_VALUE;

  StallWatch(LongSupplier clock, Halt halt) {
    this.clock = clock;
    this.halt = halt;
    this.startedAt = clock.getAsLong();
  }

  /** The agent's watch, on a daemon thread of its own, from now on. */
  static StallWatch start() {
    StallWatch watch = new StallWatch(System::nanoTime, why -> {
      LOG.severe(why + ": ending this agent for Docker to start it again");
      System.err.flush();
      Runtime.getRuntime().halt(EXIT_STATUS);
    });
    Thread thread = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(POLL.toMillis());
          watch.check();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "the stall watch failed once", e);
        }
      }
    }, "weft-stall-watch");
    thread.setDaemon(true);
    thread.start();
    return watch;
  }

  /** Every service is up. */
  void ready() {
    ready = true;
  }

  /** @param since when the command running now started ({@link System#nanoTime}), MIN_VALUE while none runs */
  void watchCommands(LongSupplier since) {
    commandRunningSince = since;
  }

  /** @param since when the cluster write under way began ({@link System#nanoTime}), MIN_VALUE while none is */
  void watchClusterWrites(LongSupplier since) {
    clusterWriteSince = since;
  }

  /** Halts when a bound is passed; once a poll. */
  void check() {
    long now = clock.getAsLong();
    if (!ready && now - startedAt > START_BOUND.toNanos()) {
      halt.halt("not ready " + START_BOUND.toSeconds() + " s after the start");
      return;
    }
    long since = commandRunningSince.getAsLong();
    if (since != Long.MIN_VALUE && now - since > COMMAND_BOUND.toNanos()) {
      halt.halt("one command has run for more than " + COMMAND_BOUND.toSeconds() + " s");
      return;
    }
    long writing = clusterWriteSince.getAsLong();
    if (writing != Long.MIN_VALUE && now - writing > CLUSTER_WRITE_BOUND.toNanos()) {
      halt.halt("a write to the fleet's maps (addresses, blocks or names) has waited more than "
          + CLUSTER_WRITE_BOUND.toSeconds() + " s on the cluster");
    }
  }
}
