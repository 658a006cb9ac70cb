package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindMapTest {

  /** A map whose writes wait until it is let go, as a replicated map's do while a partition owner is out of reach. */
  private static final class StuckMap extends ConcurrentHashMap<String, String> {
    final CountDownLatch letGo = new CountDownLatch(1);
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    volatile int writes;

    private void await() {
      writes++;
      firstWriteStarted.countDown();
      try {
        letGo.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String put(String key, String value) {
      await();
      return super.put(key, value);
    }

    @Override
    public String remove(Object key) {
      await();
      return super.remove(key);
    }
  }

  private final ExecutorService writer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    writer.shutdownNow();
  }

  private void settled(WriteBehindMap<String, String> map) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (map.waiting() > 0 || !quiet()) {
      assertTrue(System.nanoTime() < end, "the writes were not applied within 10 s");
      Thread.sleep(5);
    }
  }

  private boolean quiet() throws Exception {
    return writer.submit(() -> true).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWriteReturnsAtOnceWhileTheMapBehindIsStuckAndIsAppliedOnceItIsNot() throws Exception {
    StuckMap behind = new StuckMap();
    WriteBehindMap<String, String> map = new WriteBehindMap<>(behind, writer);
    long start = System.nanoTime();
    map.put("host1|c1|10.32.0.1", "a");
    assertTrue(behind.firstWriteStarted.await(10, TimeUnit.SECONDS));
    map.put("host1|c2|10.32.0.2", "b");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the caller did not wait");
    assertEquals("a", map.get("host1|c1|10.32.0.1"), "read at once, though not yet applied");
    assertNull(behind.get("host1|c1|10.32.0.1"), "not applied while the map behind is stuck");
    assertTrue(map.writingSince() >= start, "the stuck write is said to be under way");
    behind.letGo.countDown();
    settled(map);
    assertEquals(Map.of("host1|c1|10.32.0.1", "a", "host1|c2|10.32.0.2", "b"), Map.copyOf(map));
    assertEquals(Long.MIN_VALUE, map.writingSince(), "none under way once applied");
  }

  @Test
  void writesToAKeyWaitingAreFoldedIntoTheLastSoWhatWaitsIsBoundedByTheKeys() throws Exception {
    StuckMap behind = new StuckMap();
    WriteBehindMap<String, String> map = new WriteBehindMap<>(behind, writer);
    map.put("first", "0");
    assertTrue(behind.firstWriteStarted.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 10_000; i++) {
      map.put("k", "v" + i);
      map.put("other", "w" + i);
    }
    assertEquals(3, map.waiting(), "the write under way and one a key");
    behind.letGo.countDown();
    settled(map);
    assertEquals(Map.of("first", "0", "k", "v9999", "other", "w9999"), Map.copyOf(behind));
    assertEquals(3, behind.writes, "one write per key");
  }

  @Test
  void aKeysWritesKeepTheirOrder() throws Exception {
    Map<String, String> behind = new ConcurrentHashMap<>();
    WriteBehindMap<String, String> map = new WriteBehindMap<>(behind, writer);
    for (int i = 0; i < 1000; i++) {
      map.put("k" + (i % 7), "v" + i);
      if (i % 3 == 0) {
        map.remove("k" + (i % 7));
      }
    }
    settled(map);
    Map<String, String> expected = new ConcurrentHashMap<>();
    for (int i = 0; i < 1000; i++) {
      expected.put("k" + (i % 7), "v" + i);
      if (i % 3 == 0) {
        expected.remove("k" + (i % 7));
      }
    }
    assertEquals(expected, behind);
  }

  @Test
  void readsSeeThisHostsWritesAndRemovalsBeforeTheyAreApplied() throws Exception {
    StuckMap behind = new StuckMap();
    behind.putAll(Map.of("gone", "x", "kept", "y"));
    WriteBehindMap<String, String> map = new WriteBehindMap<>(behind, writer);
    map.remove("gone");
    assertTrue(behind.firstWriteStarted.await(10, TimeUnit.SECONDS));
    map.put("new", "z");
    map.put("kept", "y2");
    assertFalse(map.containsKey("gone"));
    assertEquals(Map.of("kept", "y2", "new", "z"), Map.copyOf(map));
    assertEquals(Map.of("gone", "x", "kept", "y"), Map.copyOf(behind), "nothing applied yet");
    behind.letGo.countDown();
    settled(map);
    assertEquals(Map.of("kept", "y2", "new", "z"), Map.copyOf(behind));
  }

  @Test
  void aWriteThatComesWhileItsKeyIsBeingAppliedIsAppliedAfterIt() throws Exception {
    StuckMap behind = new StuckMap();
    WriteBehindMap<String, String> map = new WriteBehindMap<>(behind, writer);
    map.put("k", "first");
    assertTrue(behind.firstWriteStarted.await(10, TimeUnit.SECONDS));
    map.put("k", "second");
    assertEquals("second", map.get("k"));
    behind.letGo.countDown();
    settled(map);
    assertEquals("second", behind.get("k"));
    assertEquals(2, behind.writes);
  }

  @Test
  void aRefusedWriteIsLeftAndTheNextIsApplied() throws Exception {
    Map<String, String> behind = new ConcurrentHashMap<>() {
      @Override
      public String put(String key, String value) {
        if (key.equals("refused")) {
          throw new IllegalStateException("Hazelcast instance is not active");
        }
        return super.put(key, value);
      }
    };
    WriteBehindMap<String, String> map = new WriteBehindMap<>(behind, writer);
    map.put("refused", "x");
    map.put("next", "y");
    settled(map);
    assertFalse(behind.containsKey("refused"));
    assertEquals("y", behind.get("next"));
  }
}
