package io.weft.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a bound passes; returns how long it took. */
public final class Await {

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
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return true;
  }
}
