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
 * A map whose writes are handed to one thread, for a replicated map that only this host writes its
 * keys of. A write to a Hazelcast replicated map waits for the key's partition owner; while that
 * owner is out of reach (a split, a pair the fleet has not yet moved to a relay) it waits up to a
 * minute, and a whole test run saw two hosts' attaches wait so, the command lock held, until the
 * agent's stall watch ended them. Here the caller never waits: each key's latest write is applied
 * in turn, a later write to a key still waiting replacing it (so what waits is bounded by the keys,
 * not by the writes). Reads see this host's writes at once, applied or not: a command that follows
 * another reads what it wrote.
 */
public final class WriteBehindMap<K, V> extends AbstractMap<K, V> {

  private static final Logger LOG = Logger.getLogger(WriteBehindMap.class.getName());

  private final Map<K, V> behind;
  private final Executor writer;
  /**
   * The writes not yet applied, by key, in the order their keys were first written; empty: a
   * removal. A write leaves only once applied, so reads see it all the while.
   */
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
      K key;
      Optional<V> value;
      synchronized (waiting) {
        Iterator<Map.Entry<K, Optional<V>>> first = waiting.entrySet().iterator();
        if (!first.hasNext()) {
          draining = false;
          return;
        }
        Map.Entry<K, Optional<V>> next = first.next();
        key = next.getKey();
        value = next.getValue();
      }
      writingSince = System.nanoTime();
      try {
        if (value.isPresent()) {
          behind.put(key, value.get());
        } else {
          behind.remove(key);
        }
      } catch (RuntimeException e) {
        // the map's members are leaving (the agent stops) or the write was refused: the next
        // whole publication (after a join or a merge) writes every entry of this host again
        LOG.warning("a write to a replicated map was lost: " + e.getMessage());
      } finally {
        writingSince = Long.MIN_VALUE;
      }
      synchronized (waiting) {
        // a later write to the key came meanwhile: it stays, first in line, and is applied next
        if (waiting.get(key) == value) {
          waiting.remove(key);
        }
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

  /** How many writes are not yet applied, the one under way among them. */
  public int waiting() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  @Override
  public V get(Object key) {
    synchronized (waiting) {
      Optional<V> written = waiting.get(key);
      if (written != null) {
        return written.orElse(null);
      }
    }
    return behind.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  /** The map behind as it is now, with the writes not yet applied over it (then a copy). */
  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    Map<K, Optional<V>> unapplied;
    synchronized (waiting) {
      if (waiting.isEmpty()) {
        return behind.entrySet(); // the usual case: nothing to lay over, no second copy
      }
      unapplied = new LinkedHashMap<>(waiting);
    }
    // read after the copy above: a write gone from it was applied before, and is in the map behind
    Map<K, V> seen = new LinkedHashMap<>(behind);
    unapplied.forEach((key, value) -> {
      if (value.isPresent()) {
        seen.put(key, value.get());
      } else {
        seen.remove(key);
      }
    });
    return seen.entrySet();
  }
}
