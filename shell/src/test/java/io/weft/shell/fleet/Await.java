package io.weft.shell.fleet;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a bound passes; returns how long it took. */
final class Await {

  private Await() {}

  static Duration until(String what, Duration bound, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not so within " + bound.toSeconds() + " s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
