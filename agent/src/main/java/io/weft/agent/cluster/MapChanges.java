package io.weft.agent.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

/** A map listener that runs one task after any entry is added, updated or removed. */
public record MapChanges(Runnable changed) implements EntryAddedListener<Object, Object>,
    EntryUpdatedListener<Object, Object>, EntryRemovedListener<Object, Object> {

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
}
