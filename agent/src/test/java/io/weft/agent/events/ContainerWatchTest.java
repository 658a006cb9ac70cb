package io.weft.agent.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.alloc.KernelAddressBook;
import io.weft.docker.engine.ContainerEvents;
import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch follows the engine's events again after its stream ends, from where it was. */
class ContainerWatchTest {

  /** An engine whose streams the test ends at will. */
  private static final class Engine implements ContainerEvents {
    final LinkedBlockingQueue<Long> subscribedSince = new LinkedBlockingQueue<>();
    volatile Consumer<Event> events;
    volatile Consumer<Throwable> end;

    @Override
    public Closeable subscribe(long since, Consumer<Event> onEvent, Consumer<Throwable> ended) {
      events = onEvent;
      end = ended;
      subscribedSince.add(since);
      return () -> { };
    }
  }

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aStreamThatEndsIsFollowedAgainFromTheLastEventAndAReconcileRuns() throws Exception {
    Engine engine = new Engine();
    List<String> started = new CopyOnWriteArrayList<>();
    AtomicInteger resyncs = new AtomicInteger();
    ContainerWatch watch = new ContainerWatch(engine, "host1", new KernelAddressBook(null),
        started::add, resyncs::incrementAndGet, timer);
    watch.start();
    engine.subscribedSince.poll(5, TimeUnit.SECONDS);
    engine.events.accept(new ContainerEvents.Event("start", "c1", 2_000_000_000L));
    engine.end.accept(new java.io.IOException("the engine restarted"));

    Long again = engine.subscribedSince.poll(5, TimeUnit.SECONDS);
    assertEquals(2_000_000_000L, again, "followed again from the last event's time");
    engine.events.accept(new ContainerEvents.Event("start", "c2", 2_000_000_001L));
    assertEquals(List.of("c1", "c2"), started);
    assertTrue(waitFor(() -> resyncs.get() == 1), "a reconcile after the break");

    engine.end.accept(null); // closed by the engine: followed again too
    assertEquals(2_000_000_001L, engine.subscribedSince.poll(5, TimeUnit.SECONDS));
    watch.close();
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
