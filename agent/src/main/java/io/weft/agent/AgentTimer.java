package io.weft.agent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The agent's {@link Schedule}: one thread for every periodic task of every service, stopped
 * with them. A task waits a whole period after its last run, so one held up (a long pause of
 * the JVM) runs once when it can, not in a burst.
 */
final class AgentTimer implements Schedule, Service {

  private static final Logger LOG = Logger.getLogger(AgentTimer.class.getName());

  private final ScheduledExecutorService timer = AgentThreads.timer("weft-timer");

  @Override
  public String name() {
    return "timer";
  }

  @Override
  public void start() {}

  @Override
  public void every(Duration period, Runnable task) {
    long millis = period.toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // a task that throws would never run again: this one runs at its next turn
        LOG.warning("a periodic task failed: " + e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** For one-off waits (a resubscription's back-off), on the same thread. */
  ScheduledExecutorService executor() {
    return timer;
  }

  @Override
  public void stop() {
    timer.shutdownNow();
  }
}
