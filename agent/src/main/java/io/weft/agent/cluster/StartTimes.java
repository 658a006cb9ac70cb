package io.weft.agent.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where an agent's start goes: each phase's duration, logged at debug level ({@code FINE}) on
 * {@value #LOGGER}, from the JVM's own start on, with the CPU time the whole process used so
 * far (on a loaded machine the wall time says little; the CPU time says what the start costs).
 * One timeline per process.
 */
public final class StartTimes {

  public static final String LOGGER = "io.weft.agent.start";
  private static final Logger LOG = Logger.getLogger(LOGGER);
  /**
   * The JVM's own record of its start. Not the process's start time: Linux gives that in clock
   * ticks since a boot time it rounds to whole seconds, so it is up to a second early.
   */
  private static final Instant JVM_START =
      Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
  private static long last = System.nanoTime();

  private StartTimes() {}

  /** Logs the phase that just ended: how long since the last one ended, and since the JVM started. */
  public static synchronized void phase(String what) {
    long now = System.nanoTime();
    long took = (now - last) / 1_000_000;
    last = now;
    if (LOG.isLoggable(Level.FINE)) {
      long since = Duration.between(JVM_START, Instant.now()).toMillis();
      LOG.fine(what + ": " + took + " ms (" + since + " ms since the JVM started, " + cpuMillis()
          + " ms of CPU)");
    }
  }

  /** The JVM was up, and the agent's own code began, this long after the JVM started. */
  public static synchronized void jvmUp() {
    last = System.nanoTime();
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("JVM up: the agent's code began " + Duration.between(JVM_START, Instant.now()).toMillis()
          + " ms after the JVM started (" + cpuMillis() + " ms of CPU)");
    }
  }

  private static long cpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }
}
