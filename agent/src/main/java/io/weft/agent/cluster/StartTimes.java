package io.weft.agent.cluster;

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
  private static final Instant JVM_START = ProcessHandle.current().info().startInstant()
      .orElse(Instant.now());
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

  /** The JVM was up, and the agent's own code began, this long after the process started. */
  public static synchronized void jvmUp() {
    last = System.nanoTime();
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("JVM up: " + Duration.between(JVM_START, Instant.now()).toMillis()
          + " ms after the process started (" + cpuMillis() + " ms of CPU)");
    }
  }

  private static long cpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }
}
