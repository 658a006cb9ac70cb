package io.weft.agent.dns;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Keeps a {@link NameIndex} in step with this host's copy of the fleet's DNS map: each change as
 * the map tells it, on one thread of its own (never Hazelcast's event threads), and the whole map
 * again on {@link #sync}, for what a merge refilled without telling.
 */
public final class IndexFollower extends EntryAdapter<String, String> {

  private final NameIndex index;
  private final Map<String, String> map;
  private final Executor thread;

  private IndexFollower(NameIndex index, Map<String, String> map, Executor thread) {
    this.index = index;
    this.map = map;
    this.thread = thread;
  }

  /** Starts following {@code map}; the index is filled from it at once. */
  public static IndexFollower follow(ReplicatedMap<String, String> map, NameIndex index, Executor thread) {
    IndexFollower follower = new IndexFollower(index, map, thread);
    map.addEntryListener(follower);
    follower.sync();
    return follower;
  }

  /** Reads the whole map again, soon. */
  public void sync() {
    thread.execute(() -> index.sync(Map.copyOf(map)));
  }

  @Override
  public void onEntryEvent(EntryEvent<String, String> event) {
    String key = event.getKey();
    String value = event.getValue();
    switch (event.getEventType()) {
      case ADDED, UPDATED, MERGED -> thread.execute(() -> index.put(key, value));
      default -> thread.execute(() -> index.remove(key));
    }
  }

  @Override
  public void onMapEvent(MapEvent event) {
    sync();
  }
}
