package io.weft.agent;

import io.weft.agent.cluster.PeerRecord;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;

/**
 * The overlay's health as the peer table shows it, each host's as its agent last found it in
 * the kernel. An overlay found broken twice in a row (a reset took the bridge away) is made
 * again, entries and all: the table shows what was wrong for a round before it is mended.
 * Runs on the overlay's thread.
 */
final class OverlayHealth {

  private final Supplier<String> health;
  private final UnaryOperator<String> remake;
  private final Consumer<String> report;
  private boolean brokenBefore;

  /**
   * @param health what the kernel shows now: {@value PeerRecord#HEALTHY}, or what is wrong
   * @param remake makes the overlay again, entries and all, given what was wrong; returns its
   *     health after
   * @param report told of the health after every check, to enter in the peer table
   */
  OverlayHealth(Supplier<String> health, UnaryOperator<String> remake, Consumer<String> report) {
    this.health = health;
    this.remake = remake;
    this.report = report;
  }

  void check() {
    String now = health.get();
    boolean broken = !PeerRecord.HEALTHY.equals(now);
    if (broken && brokenBefore) {
      now = remake.apply(now);
      broken = false;
    }
    brokenBefore = broken;
    report.accept(now);
  }
}
