package io.weft.agent.cluster;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * A map whose writes are handed to one thread and whose reads go straight to the map behind it:
 * for a replicated map that only this host writes its keys of. A write to a Hazelcast replicated
 * map waits for the key's partition owner; while that owner is out of reach (a split, a pair the
 * fleet has not yet moved to a relay) it waits up to a minute, and a whole test run saw two hosts'
 * attaches wait so, the command lock held, until the agent's stall watch ended them. Here the
 * caller never waits: each key's latest write is applied in turn, a later write to a key still
 * waiting replacing it (so what waits is bounded by the keys, not by the writes). Reads do not
 * see a write until it is applied.
 */
public final class WriteBehindMap<K, V> extends AbstractMap<K, V> {

  private static final Logger LOG = Logger.getLogger(WriteBehindMap.class.getName());

  private final Map<K, V> behind;
  private final Executor writer;
  /** The writes not yet applied, by key, in the order their keys were first written; empty: a removal. */
  private final LinkedHashMap<K, Optional<V>> waiting = new LinkedHashMap<>();
  private boolean draining;
  /** When the write being applied now began ({@link System#nanoTime}); MIN_VALUE while none is. */
  private volatile long writingSince = Long.MIN_VALUE;

  /** @param writer one thread (writes of one key must not overtake each other) */
  public WriteBehindMap(Map<K, V> behind, Executor writer) {
    this.behind = behind;
    this.writer = writer;
  }

  /** Puts {@code value} soon; returns null, not the value before it. */
  @Override
  public V put(K key, V value) {
    write(key, Optional.of(value));
    return null;
  }

  /** Removes {@code key} soon; returns null, not the value before it. */
  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    write((K) key, Optional.empty());
    return null;
  }

  private void write(K key, Optional<V> value) {
    synchronized (waiting) {
      waiting.put(key, value);
      if (draining) {
        return;
      }
      draining = true;
    }
    writer.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Map.Entry<K, Optional<V>> next;
      synchronized (waiting) {
        Iterator<Map.Entry<K, Optional<V>>> first = waiting.entrySet().iterator();
        if (!first.hasNext()) {
          draining = false;
          return;
        }
        Map.Entry<K, Optional<V>> taken = first.next();
        next = Map.entry(taken.getKey(), taken.getValue());
        first.remove();
      }
      writingSince = System.nanoTime();
      try {
        if (next.getValue().isPresent()) {
          behind.put(next.getKey(), next.getValue().get());
        } else {
          behind.remove(next.getKey());
        }
      } catch (RuntimeException e) {
        // the map's members are leaving (the agent stops) or the write was refused: the next
        // whole publication (after a join or a merge) writes every entry of this host again
        LOG.warning("a write to a replicated map was lost: " + e.getMessage());
      } finally {
        writingSince = Long.MIN_VALUE;
      }
    }
  }

  /**
   * When the write being applied now began ({@link System#nanoTime}), MIN_VALUE while none is: a
   * write that does not end says the cluster cannot reach a partition's owner (see StallWatch).
   */
  public long writingSince() {
    return writingSince;
  }

  /** How many writes wait. */
  public int waiting() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  @Override
  public V get(Object key) {
    return behind.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return behind.containsKey(key);
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return behind.entrySet();
  }
}
