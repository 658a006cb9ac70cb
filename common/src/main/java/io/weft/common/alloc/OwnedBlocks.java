package io.weft.common.alloc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The blocks one host owns, each with the version of its ownership, and the blocks it gave away.
 * A block changes hands only by its owner's act (a gift) or by {@code rmpeer} of a dead owner,
 * and every change raises its version, so of two claims on a block the higher version is the
 * true one. Values: every change returns a new one.
 *
 * @param owned block index to version, for the blocks this host owns
 * @param given block index to the gift that took it away: to whom, at which version
 */
public record OwnedBlocks(NavigableMap<Integer, Integer> owned, NavigableMap<Integer, Gift> given) {

  /** A block given to {@code to}, which owns it from {@code version} on. */
  public record Gift(String to, int version) {}

  public static final OwnedBlocks NONE = new OwnedBlocks(new TreeMap<>(), new TreeMap<>());

  public OwnedBlocks {
    owned = Collections.unmodifiableNavigableMap(new TreeMap<>(owned));
    given = Collections.unmodifiableNavigableMap(new TreeMap<>(given));
  }

  /** Every block of the layout, at version 1: what the founder of a fleet owns. */
  public static OwnedBlocks founding(BlockLayout layout) {
    NavigableMap<Integer, Integer> all = new TreeMap<>();
    for (int i = 0; i < layout.count(); i++) {
      all.put(i, 1);
    }
    return new OwnedBlocks(all, new TreeMap<>());
  }

  public boolean owns(int index) {
    return owned.containsKey(index);
  }

  /** The highest version this host knows of the block: owned or given; 0 for one it never had. */
  public int knownVersion(int index) {
    Integer mine = owned.get(index);
    if (mine != null) {
      return mine;
    }
    Gift gift = given.get(index);
    return gift == null ? 0 : gift.version();
  }

  /** These blocks given to {@code to}: it owns each from this version plus one. */
  public OwnedBlocks give(Collection<Integer> indices, String to) {
    NavigableMap<Integer, Integer> keep = new TreeMap<>(owned);
    NavigableMap<Integer, Gift> gifts = new TreeMap<>(given);
    for (int index : indices) {
      Integer version = keep.remove(index);
      if (version == null) {
        throw new IllegalArgumentException("block " + index + " is not this host's to give");
      }
      gifts.put(index, new Gift(to, version + 1));
    }
    return new OwnedBlocks(keep, gifts);
  }

  /** The block taken at {@code version}: given to this host, or taken over from a dead owner. */
  public OwnedBlocks adopt(int index, int version) {
    if (version <= knownVersion(index)) {
      return this;
    }
    NavigableMap<Integer, Integer> keep = new TreeMap<>(owned);
    NavigableMap<Integer, Gift> gifts = new TreeMap<>(given);
    keep.put(index, version);
    gifts.remove(index);
    return new OwnedBlocks(keep, gifts);
  }

  /** The block lost to another owner at a higher {@code version} ({@code rmpeer} while away). */
  public OwnedBlocks yield(int index, String to, int version) {
    if (version <= knownVersion(index)) {
      return this;
    }
    NavigableMap<Integer, Integer> keep = new TreeMap<>(owned);
    NavigableMap<Integer, Gift> gifts = new TreeMap<>(given);
    keep.remove(index);
    gifts.put(index, new Gift(to, version));
    return new OwnedBlocks(keep, gifts);
  }

  /**
   * {@code {"owned": [[first, count, version], ...], "given": [[first, count, to, version], ...]}}:
   * runs of consecutive blocks alike, so a founder's 4096 blocks are one entry.
   */
  public JsonObject toJson() {
    JsonArray runs = new JsonArray();
    runs(owned, (first, count, version) -> runs.add(new JsonArray(List.of(first, count, version))));
    JsonArray gifts = new JsonArray();
    runs(given, (first, count, gift) ->
        gifts.add(new JsonArray(List.of(first, count, gift.to(), gift.version()))));
    return new JsonObject().put("owned", runs).put("given", gifts);
  }

  private interface Run<V> {
    void add(int first, int count, V value);
  }

  /** Hands each run of consecutive indices with equal values to {@code run}. */
  private static <V> void runs(NavigableMap<Integer, V> map, Run<V> run) {
    int first = -1;
    int last = -2;
    V value = null;
    for (Map.Entry<Integer, V> e : map.entrySet()) {
      if (e.getKey() == last + 1 && e.getValue().equals(value)) {
        last = e.getKey();
        continue;
      }
      if (first >= 0) {
        run.add(first, last - first + 1, value);
      }
      first = e.getKey();
      last = first;
      value = e.getValue();
    }
    if (first >= 0) {
      run.add(first, last - first + 1, value);
    }
  }

  public static OwnedBlocks fromJson(JsonObject json) {
    NavigableMap<Integer, Integer> owned = new TreeMap<>();
    for (Object item : json.getJsonArray("owned", new JsonArray())) {
      JsonArray run = (JsonArray) item;
      for (int i = 0; i < run.getInteger(1); i++) {
        owned.put(run.getInteger(0) + i, run.getInteger(2));
      }
    }
    NavigableMap<Integer, Gift> given = new TreeMap<>();
    for (Object item : json.getJsonArray("given", new JsonArray())) {
      JsonArray run = (JsonArray) item;
      for (int i = 0; i < run.getInteger(1); i++) {
        given.put(run.getInteger(0) + i, new Gift(run.getString(2), run.getInteger(3)));
      }
    }
    return new OwnedBlocks(owned, given);
  }
}
