package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingTaskTest {

  private final Queue<Runnable> queued = new ArrayDeque<>();
  private final AtomicInteger runs = new AtomicInteger();
  private final CoalescingTask task = new CoalescingTask(queued::add, runs::incrementAndGet);

  @Test
  void requestsWhileARunWaitsJoinIt() {
    task.request();
    task.request();
    task.request();
    assertEquals(1, queued.size());
    queued.remove().run();
    assertEquals(1, runs.get());
  }

  @Test
  void aRequestAfterARunStartedRunsAgain() {
    task.request();
    queued.remove().run();
    task.request();
    assertEquals(1, queued.size(), "the change after the first run started is not lost");
    queued.remove().run();
    assertEquals(2, runs.get());
  }

  @Test
  void aRequestToAStoppedThreadIsDroppedWithoutFailingTheRequester() {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    CoalescingTask late = new CoalescingTask(stopped, runs::incrementAndGet);
    late.request(); // a service stopped before the one whose thread asks
    late.request();
    assertEquals(0, runs.get());
  }
}
