package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentTimerTest {

  private final AgentTimer timer = new AgentTimer();

  @AfterEach
  void stop() {
    timer.stop();
  }

  @Test
  void aTaskThatFailsRunsAgainAtItsNextTurn() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch thirdRun = new CountDownLatch(3);
    timer.every(Duration.ofMillis(5), () -> {
      runs.incrementAndGet();
      thirdRun.countDown();
      throw new IllegalStateException("a map was away");
    });
    assertTrue(thirdRun.await(10, TimeUnit.SECONDS), "ran " + runs.get() + " times");
  }

  @Test
  void everyTaskRunsOnTheOneTimerThread() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    String[] threads = new String[2];
    timer.every(Duration.ofMillis(5), () -> {
      threads[0] = Thread.currentThread().getName();
      first.countDown();
    });
    timer.every(Duration.ofMillis(7), () -> {
      threads[1] = Thread.currentThread().getName();
      second.countDown();
    });
    assertTrue(first.await(10, TimeUnit.SECONDS) && second.await(10, TimeUnit.SECONDS));
    assertEquals("weft-timer", threads[0]);
    assertEquals("weft-timer", threads[1]);
  }

  @Test
  void stoppingTheTimerEndsItsThreadWithItsTasks() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    timer.every(Duration.ofMillis(5), ran::countDown);
    assertTrue(ran.await(10, TimeUnit.SECONDS));
    timer.stop();
    assertTrue(timer.executor().awaitTermination(10, TimeUnit.SECONDS), "no thread is left to run a task");
  }
}
