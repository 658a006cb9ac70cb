package io.weft.agent.dns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.net.Ipv4;
import io.weft.agent.state.StateFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * This host's part of the fleet's DNS, and its entries in the replicated map {@value #MAP}, which
 * every agent answers from. What this host holds here is the truth about its own entries: they
 * are entered again for copies of the map that lack them (a member that joined, a side of a split
 * that merged) and its entries that the copy has and this host does not are dropped, so a split
 * and heal leaves no stale record. Records added with dns-add are kept in the state volume.
 */
public final class NameRecords {

  public static final String MAP = "weft.dns";
  private static final Logger LOG = Logger.getLogger(NameRecords.class.getName());

  private final String host;
  private final Map<String, String> map;
  private final Path file;
  private final Executor saver;
  private final AtomicBoolean saving = new AtomicBoolean();
  /** This host's entries, key to value as the map holds them. */
  private final Map<String, String> own = new ConcurrentHashMap<>();

  /**
   * @param map the replicated map, written behind (any map, in tests)
   * @param file where records added with dns-add are kept; null keeps them in memory alone
   * @param saver where the file is written, a moment after a change: many changes in a row make
   *     one write of the whole file, not one each
   */
  public NameRecords(String host, Map<String, String> map, Path file, Executor saver) {
    this.host = host;
    this.map = map;
    this.file = file;
    this.saver = saver;
    load();
  }

  /** Records whose file, if any, is written at once after each change. */
  public NameRecords(String host, Map<String, String> map, Path file) {
    this(host, map, file, Runnable::run);
  }

  /**
   * Enters (or replaces) the names and addresses of one of this host's containers: the one call
   * that makes a container known, whatever attached it.
   */
  public void register(String containerId, List<String> names, List<Ipv4> addresses) {
    put(new NameEntry(host, containerId, names, addresses));
  }

  /** The container is known no more (stopped, removed, detached). */
  public void unregister(String containerId) {
    drop(host + "|" + containerId);
  }

  /** The containers this host has entered. */
  public Set<String> containers() {
    String prefix = host + "|";
    return own.keySet().stream().map(k -> k.substring(prefix.length()))
        .filter(owner -> !owner.startsWith(NameEntry.ADDED_PREFIX)).collect(Collectors.toSet());
  }

  /** Adds records of {@code name}; returns the addresses new to it. */
  public synchronized List<Ipv4> add(String name, List<Ipv4> addresses) {
    List<Ipv4> all = new ArrayList<>(added(name));
    List<Ipv4> fresh = addresses.stream().distinct().filter(a -> !all.contains(a)).toList();
    all.addAll(fresh);
    put(NameEntry.added(host, name, all));
    save();
    return fresh;
  }

  /** Removes records of {@code name} added here (all, when {@code addresses} is empty); returns those removed. */
  public synchronized List<Ipv4> remove(String name, List<Ipv4> addresses) {
    List<Ipv4> all = added(name);
    List<Ipv4> going = addresses.isEmpty() ? all : all.stream().filter(addresses::contains).toList();
    List<Ipv4> left = all.stream().filter(a -> !going.contains(a)).toList();
    if (left.isEmpty()) {
      drop(NameEntry.added(host, name, List.of()).key());
    } else {
      put(NameEntry.added(host, name, left));
    }
    save();
    return going;
  }

  /** The addresses this host has given {@code name} with dns-add. */
  public List<Ipv4> added(String name) {
    String key = NameEntry.added(host, name, List.of()).key();
    String value = own.get(key);
    return value == null ? List.of() : NameEntry.read(key, value).addresses();
  }

  /**
   * Enters every entry of this host's again, and drops its own that it no longer holds: for
   * copies of the map elsewhere that lack them (a member that joined, a side of a split that
   * merged, whose copies start empty), which no look at this host's own copy can tell.
   */
  public void republish() {
    own.forEach(map::put);
    dropStale();
  }

  /**
   * Makes this host's entries in the local copy of the map what this host holds: enters those
   * missing or different, drops its own that it no longer holds. Cheap: a look at the local copy.
   */
  public void keepInStep() {
    own.forEach((key, value) -> {
      if (!value.equals(map.get(key))) {
        map.put(key, value);
      }
    });
    dropStale();
  }

  private void dropStale() {
    String prefix = host + "|";
    for (String key : List.copyOf(map.keySet())) {
      if (key.startsWith(prefix) && !own.containsKey(key)) {
        map.remove(key);
      }
    }
  }

  /** Drops the entries of hosts that are not in the fleet now: they left, or died. */
  public void dropAbsent(Set<String> liveHosts) {
    for (String key : List.copyOf(map.keySet())) {
      if (!liveHosts.contains(NameEntry.hostOf(key))) {
        map.remove(key);
      }
    }
  }

  private void put(NameEntry entry) {
    String value = entry.value();
    own.put(entry.key(), value);
    map.put(entry.key(), value);
  }

  private void drop(String key) {
    own.remove(key);
    map.remove(key);
  }

  private void load() {
    if (file == null) {
      return;
    }
    JsonObject saved = StateFiles.readJson(file);
    for (String name : saved.fieldNames()) {
      try {
        List<Ipv4> addresses = saved.getJsonArray(name).stream().map(a -> Ipv4.parse(String.valueOf(a))).toList();
        NameEntry entry = NameEntry.added(host, name, addresses);
        own.put(entry.key(), entry.value());
      } catch (RuntimeException malformed) {
        LOG.warning("skipping the malformed DNS record of " + name + " in " + file + ": " + malformed);
      }
    }
  }

  private void save() {
    if (file != null && saving.compareAndSet(false, true)) {
      saver.execute(() -> {
        saving.set(false);
        try {
          write();
        } catch (RuntimeException e) {
          LOG.warning("could not keep the DNS records in " + file + ": " + e.getMessage());
        }
      });
    }
  }

  private void write() {
    Map<String, JsonArray> byName = new TreeMap<>();
    own.entrySet().stream().map(e -> NameEntry.read(e.getKey(), e.getValue()))
        .filter(NameEntry::isAdded).forEach(e -> {
      JsonArray addresses = new JsonArray();
      e.addresses().forEach(a -> addresses.add(a.toString()));
      byName.put(e.names().get(0), addresses);
    });
    JsonObject json = new JsonObject();
    byName.forEach(json::put);
    StateFiles.write(file, json.encodePrettily());
  }
}
