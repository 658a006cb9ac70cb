package io.weft.agent;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When this host says its wire entry on the bus, asked at every tick of the quick period: at every
 * tick while it should be quick (the fleet settles, or a pair is down or relayed), at the first
 * tick after it stops being so, and otherwise once per the slow period. Each saying announces the
 * period it was said at, which bounds the wait for the next.
 */
final class SayingPace {

  private final Duration quick;
  private final Duration slow;
  private final LongSupplier nanos;
  private boolean said;
  private long lastSaidAt;
  private boolean lastQuick;

  /** @param nanos the clock, in nanoseconds (a test's own) */
  SayingPace(Duration quick, Duration slow, LongSupplier nanos) {
    this.quick = quick;
    this.slow = slow;
    this.nanos = nanos;
  }

  /** The period to announce if a saying is due now, else null; one caller at a time. */
  Duration due(boolean quickNow) {
    long now = nanos.getAsLong();
    // half a quick tick early, so that ticks a little late do not make a slow period one tick longer
    boolean slowTurn = now - lastSaidAt >= slow.toNanos() - quick.toNanos() / 2;
    if (!said || quickNow || lastQuick || slowTurn) {
      said = true;
      lastSaidAt = now;
      lastQuick = quickNow;
      return quickNow ? quick : slow;
    }
    return null;
  }
}
