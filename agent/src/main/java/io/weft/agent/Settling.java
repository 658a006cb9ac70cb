package io.weft.agent;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the fleet is settling or at rest. A replicated map that a join or a merge refills tells
 * its listeners nothing of what came back, so the work that looks for such entries runs often
 * while the fleet settles: for {@link AgentPeriods#SETTLING} after this agent started and after
 * a member joined, left or merged. At rest every change reaches the listeners, and the same work
 * is only a safety net: it runs at its slow period, and the agent costs its host little.
 */
final class Settling {

  private final Duration window;
  private final LongSupplier nanos;
  private volatile long unsettledAt;

  Settling() {
    this(AgentPeriods.SETTLING, System::nanoTime);
  }

  /** @param nanos the clock, in nanoseconds (a test's own) */
  Settling(Duration window, LongSupplier nanos) {
    this.window = window;
    this.nanos = nanos;
    this.unsettledAt = nanos.getAsLong();
  }

  /** Follows the cluster: every join, departure and merge starts a settling window. */
  void follow(ClusterView cluster) {
    cluster.onChange(this::unsettled);
    cluster.onMerged(this::unsettled);
    cluster.onAnyMerge(this::unsettled);
  }

  /** The fleet changed: the gated work runs at its quick period again for a while. */
  void unsettled() {
    unsettledAt = nanos.getAsLong();
  }

  boolean settling() {
    return nanos.getAsLong() - unsettledAt < window.toNanos();
  }

  /**
   * {@code task}, to be scheduled at its quick period: it runs at every turn while the fleet
   * settles, and at rest once {@code atRest} has passed since it last ran.
   */
  Runnable gate(Duration atRest, Runnable task) {
    AtomicLong lastRun = new AtomicLong(nanos.getAsLong());
    return () -> {
      long now = nanos.getAsLong();
      if (settling() || now - lastRun.get() >= atRest.toNanos()) {
        lastRun.set(now);
        task.run();
      }
    };
  }
}
