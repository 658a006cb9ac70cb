package io.weft.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until it holds or a bound passes; returns how long it took. Five times a
 * second: a condition is mostly a command through a host's Docker API (an exec in the agent's
 * container), and a tighter loop took the cores from the fleet it waited on and from the
 * classes running beside it.
 */
public final class Await {

  private static final long POLL_MILLIS = 200;

  private Await() {}

  public static Duration until(String what, Duration bound, BooleanSupplier condition) {
    long start = System.nanoTime();
    if (!holdsWithin(bound, condition)) {
      throw new AssertionError(what + ": not so within " + bound.toSeconds() + " s");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Whether {@code condition} comes to hold within {@code bound}: for a wait whose end is no failure. */
  public static boolean holdsWithin(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return true;
  }
}
