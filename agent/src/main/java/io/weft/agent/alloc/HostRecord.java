package io.weft.agent.alloc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.OwnedBlocks;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * This host's part of the fleet's address record, kept in the state volume ({@value #FILE}) so
 * that it survives restarts and splits: which fleet the host belongs to, the blocks it owns,
 * every address handed out from them (to whichever host), what its own containers hold with their
 * MACs, and the releases it owes to other hosts' blocks. Not thread-safe: its owner locks.
 */
public final class HostRecord {

  public static final String FILE = "addresses.json";
  private static final Logger LOG = Logger.getLogger(HostRecord.class.getName());

  /** An address one of this host's containers (or its bridge) holds. */
  public record Held(Cidr cidr, String mac, Instant since) {}

  /** A release owed to the owner of another host's block, sent when that host can be reached. */
  public record Pending(String blockOwner, Ipv4 address, Owner holder) {}

  private final Path file;
  private AddressRange range;
  private FleetId fleet;
  private OwnedBlocks blocks = OwnedBlocks.NONE;
  private final Map<Ipv4, Owner> ledger = new TreeMap<>();
  private final Map<String, Map<Ipv4, Held>> holdings = new LinkedHashMap<>();
  private final Set<Pending> pending = new LinkedHashSet<>();

  private HostRecord(Path file) {
    this.file = file;
  }

  /**
   * The record kept in {@code stateDir} for {@code range}; empty when there is none, when it
   * cannot be read, or when it was kept for another range (the host was launched anew with
   * another one: its old blocks mean nothing in this one).
   */
  public static HostRecord load(Path stateDir, AddressRange range) {
    HostRecord record = new HostRecord(stateDir.resolve(FILE));
    JsonObject json = StateFiles.readJson(record.file);
    String kept = json.getString("range");
    if (kept != null && !kept.equals(range.toString())) {
      LOG.warning(record.file + " was kept for the range " + kept + ", not " + range
          + ": starting without it");
      return new HostRecord(stateDir.resolve(FILE));
    }
    try {
      record.read(json);
    } catch (RuntimeException e) {
      LOG.warning(record.file + " does not read as an address record (" + e + "); starting without it");
      return new HostRecord(stateDir.resolve(FILE));
    }
    record.range = range;
    return record;
  }

  /** A record kept nowhere, for tests. */
  static HostRecord inMemory() {
    return new HostRecord(null);
  }

  public Optional<FleetId> fleet() {
    return Optional.ofNullable(fleet);
  }

  public void joinFleet(FleetId fleet) {
    this.fleet = fleet;
  }

  public OwnedBlocks blocks() {
    return blocks;
  }

  public void blocks(OwnedBlocks blocks) {
    this.blocks = blocks;
  }

  /** Who holds each address handed out from this host's blocks. */
  public Map<Ipv4, Owner> ledger() {
    return ledger;
  }

  /** What {@code container} of this host holds, by address. */
  public Map<Ipv4, Held> heldBy(String container) {
    return holdings.getOrDefault(container, Map.of());
  }

  /** Every container of this host's that holds anything, with what it holds. */
  public Map<String, Map<Ipv4, Held>> holdings() {
    return holdings;
  }

  public void hold(String container, Held held) {
    holdings.computeIfAbsent(container, c -> new LinkedHashMap<>()).put(held.cidr().address(), held);
  }

  /** Forgets what {@code container} holds at {@code address}; true when it held it. */
  public boolean drop(String container, Ipv4 address) {
    Map<Ipv4, Held> held = holdings.get(container);
    if (held == null || held.remove(address) == null) {
      return false;
    }
    if (held.isEmpty()) {
      holdings.remove(container);
    }
    return true;
  }

  public Set<Pending> pending() {
    return pending;
  }

  /** Writes the record to the state volume, synced; a record kept nowhere is not written. */
  public void save() {
    if (file != null) {
      StateFiles.write(file, toJson().encode() + "\n");
    }
  }

  JsonObject toJson() {
    JsonObject ledgerJson = new JsonObject();
    ledger.forEach((ip, owner) -> ledgerJson.put(ip.toString(), owner.toJson()));
    JsonArray heldJson = new JsonArray();
    holdings.forEach((container, held) -> held.values().forEach(h -> heldJson.add(new JsonObject()
        .put("container", container).put("cidr", h.cidr().toString()).put("mac", h.mac())
        .put("since", h.since().toString()))));
    JsonArray pendingJson = new JsonArray();
    pending.forEach(p -> pendingJson.add(new JsonObject().put("blockOwner", p.blockOwner())
        .put("address", p.address().toString()).put("holder", p.holder().toJson())));
    return new JsonObject()
        .put("range", range == null ? null : range.toString())
        .put("fleet", fleet == null ? null : fleet.toString())
        .put("blocks", blocks.toJson())
        .put("ledger", ledgerJson)
        .put("holdings", heldJson)
        .put("pending", pendingJson);
  }

  private void read(JsonObject json) {
    String fleetText = json.getString("fleet");
    fleet = fleetText == null ? null : FleetId.parse(fleetText);
    blocks = OwnedBlocks.fromJson(json.getJsonObject("blocks", new JsonObject()));
    json.getJsonObject("ledger", new JsonObject()).forEach(e ->
        ledger.put(Ipv4.parse(e.getKey()), Owner.fromJson((JsonObject) e.getValue())));
    for (Object item : json.getJsonArray("holdings", new JsonArray())) {
      JsonObject h = (JsonObject) item;
      hold(h.getString("container"), new Held(Cidr.parse(h.getString("cidr")), h.getString("mac"),
          Instant.parse(h.getString("since"))));
    }
    for (Object item : json.getJsonArray("pending", new JsonArray())) {
      JsonObject p = (JsonObject) item;
      pending.add(new Pending(p.getString("blockOwner"), Ipv4.parse(p.getString("address")),
          Owner.fromJson(p.getJsonObject("holder"))));
    }
  }

  /** Every address this host's containers hold, as a list, for messages and tests. */
  List<Cidr> allHeld() {
    List<Cidr> all = new ArrayList<>();
    holdings.values().forEach(held -> held.values().forEach(h -> all.add(h.cidr())));
    return all;
  }
}
