package io.weft.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Every host entering its own entries of the fleet's replicated maps again: the one fan-out
 * every kind of entry joins. A replicated map fills a newcomer's copy only slowly, a side of a
 * split that merges comes back with its copies dropped, and an entry put while a merge still
 * settled can miss every copy; so each kind is entered again when a member joins, when any side
 * merges, and now and then regardless ({@link AgentPeriods#REPUBLISH}).
 */
final class Republishing {

  private static final Logger LOG = Logger.getLogger(Republishing.class.getName());

  /**
   * How many times each kind is entered again after a join, a {@link AgentPeriods#JOIN_ECHO}
   * apart, besides at once: a newcomer's copy of a map may miss what was entered as it joined
   * (a third host once waited 20 s for the second's entries, and so for its address space).
   */
  static final int JOIN_ECHOES = 3;

  private final List<Runnable> kinds = new CopyOnWriteArrayList<>();
  private final AtomicInteger echoesLeft = new AtomicInteger();

  /**
   * Adds one kind of entry: {@code republish} enters this host's own again, on its service's
   * thread (it is called on the cluster's and the timer's, and must only hand off).
   */
  void add(Runnable republish) {
    kinds.add(republish);
  }

  /** Every kind, now: one that fails does not keep the others from theirs. */
  void republish() {
    for (Runnable kind : kinds) {
      try {
        kind.run();
      } catch (RuntimeException e) {
        LOG.warning("could not enter this host's entries again: " + e);
      }
    }
  }

  /**
   * Republishes on every join (and {@value #JOIN_ECHOES} times more in the seconds after it) and
   * merge the cluster tells of, and every period.
   */
  void follow(ClusterView cluster, Schedule schedule) {
    cluster.onJoin(() -> {
      echoesLeft.set(JOIN_ECHOES);
      republish();
    });
    schedule.every(AgentPeriods.JOIN_ECHO, () -> {
      if (echoesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        republish();
      }
    });
    cluster.onMerged(this::republish);
    cluster.onAnyMerge(this::republish);
    schedule.every(AgentPeriods.REPUBLISH, this::republish);
  }
}
