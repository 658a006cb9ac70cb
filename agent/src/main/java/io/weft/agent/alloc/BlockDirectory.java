package io.weft.agent.alloc;

import io.vertx.core.json.JsonObject;
import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.OwnedBlocks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Who owns which block, as every host tells the fleet: a replicated map, {@value #MAP}, of host
 * name to that host's fleet, range and blocks (those it owns and those it gave away), each entry
 * written by its own host alone. It is how a host finds a block's owner, a host with space to
 * give, and the blocks given to it; it decides nothing. Each host's own record ({@link
 * HostRecord}) is the truth about its blocks; of two claims on a block the higher version is the
 * true one. A host removed with {@code rmpeer} leaves a tombstone here.
 */
public final class BlockDirectory {

  public static final String MAP = "weft.blocks";
  private static final Logger LOG = Logger.getLogger(BlockDirectory.class.getName());

  /** One host's entry: its fleet (null while it has none), range and blocks; or its tombstone. */
  public record Entry(String host, FleetId fleet, AddressRange range, OwnedBlocks blocks,
      String removedBy) {

    public boolean removed() {
      return removedBy != null;
    }
  }

  /** The owner of a block as the entries tell it, at the highest version any of them names. */
  public record BlockOwner(String host, int version) {}

  private final Map<String, String> map;
  /**
   * Each host's entry as last read, with the text it was read from. A read of the directory
   * (every follow of the address book, every overlay round) mostly finds every entry as it was,
   * and parsing each again was, after the copy of the map itself, the largest part of a read.
   */
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  private record Read(String text, Entry entry) {}

  /** @param map the replicated map, written behind (any map, in tests) */
  public BlockDirectory(Map<String, String> map) {
    this.map = map;
  }

  /** Enters (or replaces) {@code host}'s entry. */
  public void publish(String host, FleetId fleet, AddressRange range, OwnedBlocks blocks) {
    map.put(host, new JsonObject().put("fleet", fleet == null ? null : fleet.toString())
        .put("range", range.toString()).put("blocks", blocks.toJson()).encode());
  }

  /** Replaces {@code host}'s entry with a tombstone: it was removed by {@code by} with rmpeer. */
  public void tombstone(String host, String by) {
    map.put(host, new JsonObject().put("removedBy", by).put("at", Instant.now().toString()).encode());
  }

  /** Every entry that reads, by host; one that does not is left out and said in the log. */
  public Map<String, Entry> entries() {
    Map<String, Entry> entries = new TreeMap<>();
    Map<String, String> now = Map.copyOf(map);
    reads.keySet().retainAll(now.keySet());
    for (Map.Entry<String, String> e : now.entrySet()) {
      Read known = reads.get(e.getKey());
      if (known != null && known.text().equals(e.getValue())) {
        entries.put(e.getKey(), known.entry());
        continue;
      }
      try {
        Entry entry = read(e.getKey(), e.getValue());
        reads.put(e.getKey(), new Read(e.getValue(), entry));
        entries.put(e.getKey(), entry);
      } catch (RuntimeException malformed) {
        LOG.warning("skipping the malformed entry of " + e.getKey() + " in " + MAP + ": " + malformed);
      }
    }
    return entries;
  }

  private static Entry read(String host, String text) {
    JsonObject json = new JsonObject(text);
    String removedBy = json.getString("removedBy");
    if (removedBy != null) {
      return new Entry(host, null, null, OwnedBlocks.NONE, removedBy);
    }
    String fleet = json.getString("fleet");
    return new Entry(host, fleet == null ? null : FleetId.parse(fleet), AddressRange.parse(json.getString("range")),
        OwnedBlocks.fromJson(json.getJsonObject("blocks", new JsonObject())), null);
  }

  /** For every block any entry names, its owner: the claim (owned, or given to) of highest version. */
  public static Map<Integer, BlockOwner> owners(Iterable<Entry> entries) {
    Map<Integer, BlockOwner> owners = new HashMap<>();
    for (Entry entry : entries) {
      entry.blocks().owned().forEach((index, version) ->
          owners.merge(index, new BlockOwner(entry.host(), version), BlockDirectory::higher));
      entry.blocks().given().forEach((index, gift) ->
          owners.merge(index, new BlockOwner(gift.to(), gift.version()), BlockDirectory::higher));
    }
    return owners;
  }

  public Optional<BlockOwner> ownerOf(int index) {
    return Optional.ofNullable(owners(entries().values()).get(index));
  }

  /** The hosts that own blocks, those owning most first. */
  public List<String> byBlocksOwned() {
    List<Entry> owning = new ArrayList<>(entries().values());
    owning.removeIf(e -> e.blocks().owned().isEmpty());
    owning.sort((a, b) -> Integer.compare(b.blocks().owned().size(), a.blocks().owned().size()));
    return owning.stream().map(Entry::host).toList();
  }

  public void remove(String host) {
    map.remove(host);
  }

  private static BlockOwner higher(BlockOwner a, BlockOwner b) {
    return b.version() > a.version() ? b : a;
  }
}
