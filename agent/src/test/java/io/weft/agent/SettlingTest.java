package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SettlingTest {

  private final AtomicLong now = new AtomicLong();
  private final Settling settling = new Settling(Duration.ofSeconds(60), now::get);
  private final AtomicInteger runs = new AtomicInteger();
  private final Runnable gated = settling.gate(Duration.ofSeconds(30), runs::incrementAndGet);

  @Test
  void gatedWorkRunsAtEveryTurnWhileTheFleetSettles() {
    turns(29, Duration.ofSeconds(2)); // 58 s after the start
    assertEquals(29, runs.get());
  }

  @Test
  void atRestItRunsOnceInItsSlowPeriod() {
    now.addAndGet(Duration.ofSeconds(61).toNanos());
    runs.set(0);
    turns(30, Duration.ofSeconds(2)); // a minute at rest
    assertEquals(2, runs.get());
  }

  @Test
  void aMemberThatJoinsLeavesOrMergesStartsAnotherSettlingWindow() {
    FakeCluster cluster = new FakeCluster();
    settling.follow(cluster);
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    gated.run(); // at rest: the slow round is due
    runs.set(0);
    cluster.join("host2");
    turns(10, Duration.ofSeconds(2));
    assertEquals(10, runs.get());
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    runs.set(0);
    cluster.merge();
    turns(5, Duration.ofSeconds(2));
    assertEquals(5, runs.get());
  }

  private void turns(int count, Duration period) {
    for (int i = 0; i < count; i++) {
      now.addAndGet(period.toNanos());
      gated.run();
    }
  }
}
