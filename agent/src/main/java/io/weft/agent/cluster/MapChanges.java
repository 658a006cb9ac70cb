package io.weft.agent.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.map.MapEvent;

/**
 * A map listener that runs one task after any change of a map, a Hazelcast map or a replicated
 * one: an entry added, updated, removed, evicted or expired, or the map cleared.
 */
public record MapChanges(Runnable changed) implements EntryListener<Object, Object> {

  @Override
  public void entryAdded(EntryEvent<Object, Object> event) {
    changed.run();
  }

  @Override
  public void entryUpdated(EntryEvent<Object, Object> event) {
    changed.run();
  }

  @Override
  public void entryRemoved(EntryEvent<Object, Object> event) {
    changed.run();
  }

  @Override
  public void entryEvicted(EntryEvent<Object, Object> event) {
    changed.run();
  }

  @Override
  public void entryExpired(EntryEvent<Object, Object> event) {
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
