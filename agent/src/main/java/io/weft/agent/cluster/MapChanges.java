package io.weft.agent.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.map.MapEvent;

/**
 * A map listener that runs one task after any change of a map, a Hazelcast map or a replicated
 * one: an entry added, updated, removed, evicted or expired, or the map cleared.
 */
public record MapChanges<K, V>(Runnable changed) implements EntryListener<K, V> {

  @Override
  public void entryAdded(EntryEvent<K, V> event) {
    changed.run();
  }

  @Override
  public void entryUpdated(EntryEvent<K, V> event) {
    changed.run();
  }

  @Override
  public void entryRemoved(EntryEvent<K, V> event) {
    changed.run();
  }

  @Override
  public void entryEvicted(EntryEvent<K, V> event) {
    changed.run();
  }

  @Override
  public void entryExpired(EntryEvent<K, V> event) {
    changed.run();
  }

  @Override
  public void mapCleared(MapEvent event) {
    changed.run();
  }

  @Override
  public void mapEvicted(MapEvent event) {
    changed.run();
  }
}
