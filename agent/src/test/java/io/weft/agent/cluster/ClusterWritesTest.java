package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterWritesTest {

  private final List<ExecutorService> threads = new ArrayList<>();
  private final CountDownLatch letGo = new CountDownLatch(1);

  @AfterEach
  void stop() {
    letGo.countDown();
    threads.forEach(ExecutorService::shutdownNow);
  }

  private ExecutorService thread(String name) {
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    threads.add(thread);
    return thread;
  }

  @Test
  void oneMapsStuckWriteHoldsNeitherTheOtherMapNorGoesUnseen() throws Exception {
    ClusterWrites writes = new ClusterWrites(this::thread);
    CountDownLatch stuck = new CountDownLatch(1);
    var blocks = writes.behind("blocks", new ConcurrentHashMap<String, String>() {
      @Override
      public String put(String key, String value) {
        stuck.countDown();
        try {
          letGo.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.put(key, value);
      }
    });
    ConcurrentHashMap<String, String> holdingsBehind = new ConcurrentHashMap<>();
    var holdings = writes.behind("holdings", holdingsBehind);
    assertEquals(Long.MIN_VALUE, writes.writingSince(), "none under way");
    long start = System.nanoTime();
    blocks.put("host1", "entry");
    assertTrue(stuck.await(10, TimeUnit.SECONDS));
    holdings.put("host1|c1|10.32.0.1", "held");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!holdingsBehind.containsKey("host1|c1|10.32.0.1")) {
      assertTrue(System.nanoTime() < end, "the holdings' write waited on the directory's");
      Thread.sleep(5);
    }
    assertTrue(writes.writingSince() >= start, "the stuck write is said to be under way");
  }
}
