package io.weft.agent.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The replicated maps this agent writes behind its commands ({@link WriteBehindMap}), each with
 * a writer thread of its own, so that one map's stuck write does not hold the other's up.
 */
public final class ClusterWrites {

  private final Function<String, ExecutorService> threads;
  private final List<WriteBehindMap<?, ?>> maps = new ArrayList<>();

  /** @param threads a single thread of the given name, for each map's writes */
  public ClusterWrites(Function<String, ExecutorService> threads) {
    this.threads = threads;
  }

  /** {@code behind}, written behind on the thread {@code thread}. */
  public synchronized <K, V> WriteBehindMap<K, V> behind(String thread, Map<K, V> behind) {
    WriteBehindMap<K, V> map = new WriteBehindMap<>(behind, threads.apply(thread));
    maps.add(map);
    return map;
  }

  /**
   * When the oldest write under way began ({@link System#nanoTime}), MIN_VALUE while none is: a
   * write that does not end says the cluster cannot reach a partition's owner (see StallWatch).
   */
  public synchronized long writingSince() {
    long oldest = Long.MIN_VALUE;
    for (WriteBehindMap<?, ?> map : maps) {
      long since = map.writingSince();
      if (since != Long.MIN_VALUE && (oldest == Long.MIN_VALUE || since - oldest < 0)) {
        oldest = since;
      }
    }
    return oldest;
  }
}
