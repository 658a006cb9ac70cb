package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SayingPaceTest {

  private static final Duration QUICK = Duration.ofSeconds(1);
  private static final Duration SLOW = Duration.ofSeconds(10);

  private long now;
  private final SayingPace pace = new SayingPace(QUICK, SLOW, () -> now);

  @Test
  void whileQuickEveryTickSaysAndAnnouncesTheQuickPeriod() {
    for (int s = 0; s < 5; s++) {
      now = s * QUICK.toNanos();
      assertEquals(QUICK, pace.due(true), "at " + s + " s");
    }
  }

  @Test
  void atRestItSaysOncePerSlowPeriodAnnouncingIt() {
    List<Integer> saidAt = new ArrayList<>();
    for (int s = 0; s <= 30; s++) {
      now = s * QUICK.toNanos() + 20_000_000L * (s % 3); // ticks a little late, some of them
      Duration again = pace.due(false);
      if (again != null) {
        assertEquals(SLOW, again);
        saidAt.add(s);
      }
    }
    assertEquals(List.of(0, 10, 20, 30), saidAt);
  }

  @Test
  void goingQuickSaysAtOnceAndComingToRestSaysOnceMoreAnnouncingTheSlowPeriod() {
    assertEquals(SLOW, pace.due(false));
    now = 3 * QUICK.toNanos();
    assertNull(pace.due(false));
    now = 4 * QUICK.toNanos();
    assertEquals(QUICK, pace.due(true), "a pair went down: at once");
    now = 5 * QUICK.toNanos();
    assertEquals(SLOW, pace.due(false), "at rest again: said at once, so the quick promise is kept");
    now = 6 * QUICK.toNanos();
    assertNull(pace.due(false));
    now = 15 * QUICK.toNanos();
    assertEquals(SLOW, pace.due(false));
  }
}
