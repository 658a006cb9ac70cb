package io.weft.agent.bridge;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A map of text the fleet shares, as the credential register needs one: Hazelcast's partitioned
 * map in the agent (a read goes to the entry's owner, so a host that has just joined reads the
 * whole map at once, which a replicated map fills only slowly), one in memory for tests.
 */
interface SharedMap {

  String get(String key);

  void put(String key, String value);

  Collection<String> values();

  /** Tells {@code listener} of every entry added or changed anywhere from now on. */
  void onChange(BiConsumer<String, String> listener);

  static SharedMap of(IMap<String, String> map) {
    return new SharedMap() {
      @Override
      public String get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, String value) {
        map.set(key, value);
      }

      @Override
      public Collection<String> values() {
        return List.copyOf(map.values());
      }

      @Override
      public void onChange(BiConsumer<String, String> listener) {
        map.addEntryListener(new Changes(listener), true);
      }
    };
  }

  /** A map in this JVM: the hosts of a test share one. */
  static SharedMap inMemory() {
    Map<String, String> entries = new ConcurrentHashMap<>();
    List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    return new SharedMap() {
      @Override
      public String get(String key) {
        return entries.get(key);
      }

      @Override
      public void put(String key, String value) {
        entries.put(key, value);
        listeners.forEach(l -> l.accept(key, value));
      }

      @Override
      public Collection<String> values() {
        return List.copyOf(entries.values());
      }

      @Override
      public void onChange(BiConsumer<String, String> listener) {
        listeners.add(listener);
      }
    };
  }

  /** Hazelcast's listener for additions and changes, handing on key and value. */
  final class Changes implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
    private final BiConsumer<String, String> listener;

    Changes(BiConsumer<String, String> listener) {
      this.listener = listener;
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      listener.accept(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      listener.accept(event.getKey(), event.getValue());
    }
  }
}
