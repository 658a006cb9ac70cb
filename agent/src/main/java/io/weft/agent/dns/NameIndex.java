package io.weft.agent.dns;

import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * This host's copy of the fleet's names, indexed both ways, for answering: a name's addresses,
 * an address's names. Lookups read it from any thread and never wait; one thread at a time
 * changes it, entry by entry as the map tells of changes, and whole by {@link #sync} now and then
 * (a map filled again after a merge tells no listener). Only entries of hosts in the fleet now
 * answer: a host that leaves takes its names with it at once.
 */
public final class NameIndex {

  private static final Logger LOG = Logger.getLogger(NameIndex.class.getName());

  private final Predicate<String> isLive;
  private final Map<String, String> raw = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<Ipv4>>> byName = new ConcurrentHashMap<>();
  private final Map<Ipv4, Map<String, List<String>>> byAddress = new ConcurrentHashMap<>();

  /** @param isLive whether a host is in the fleet now, asking no other member */
  public NameIndex(Predicate<String> isLive) {
    this.isLive = isLive;
  }

  /** The addresses {@code name} answers with (lowercase, no trailing dot); none when unknown. */
  public List<Ipv4> addresses(String name) {
    List<Ipv4> found = new ArrayList<>();
    Map<String, List<Ipv4>> owners = byName.get(name);
    if (owners != null) {
      owners.forEach((key, addresses) -> {
        if (isLive.test(NameEntry.hostOf(key))) {
          addresses.forEach(a -> {
            if (!found.contains(a)) {
              found.add(a);
            }
          });
        }
      });
    }
    return found;
  }

  /** The names that answer with {@code address}; none when unknown. */
  public List<String> names(Ipv4 address) {
    List<String> found = new ArrayList<>();
    Map<String, List<String>> owners = byAddress.get(address);
    if (owners != null) {
      owners.forEach((key, names) -> {
        if (isLive.test(NameEntry.hostOf(key))) {
          names.stream().filter(n -> !found.contains(n)).forEach(found::add);
        }
      });
    }
    return found;
  }

  /** How many entries the index holds, of live hosts or not. */
  public int size() {
    return raw.size();
  }

  /** An entry was added or changed. */
  synchronized void put(String key, String value) {
    if (value.equals(raw.get(key))) {
      return;
    }
    NameEntry entry;
    try {
      entry = NameEntry.read(key, value);
    } catch (RuntimeException malformed) {
      LOG.warning("skipping the malformed entry " + key + " in " + NameRecords.MAP + ": " + malformed);
      return;
    }
    remove(key);
    raw.put(key, value);
    for (String name : entry.names()) {
      byName.compute(name, (n, owners) -> with(owners, key, entry.addresses()));
    }
    for (Ipv4 address : entry.addresses()) {
      byAddress.compute(address, (a, owners) -> with(owners, key, entry.names()));
    }
  }

  /** An entry went. */
  synchronized void remove(String key) {
    String old = raw.remove(key);
    if (old == null) {
      return;
    }
    NameEntry entry = NameEntry.read(key, old);
    entry.names().forEach(name -> byName.computeIfPresent(name, (n, owners) -> without(owners, key)));
    entry.addresses().forEach(a -> byAddress.computeIfPresent(a, (x, owners) -> without(owners, key)));
  }

  /** Makes the index what {@code map} holds now; cheap when little changed. */
  public synchronized void sync(Map<String, String> map) {
    for (String key : List.copyOf(raw.keySet())) {
      if (!map.containsKey(key)) {
        remove(key);
      }
    }
    map.forEach(this::put);
  }

  private static <V> Map<String, V> with(Map<String, V> owners, String key, V value) {
    Map<String, V> copy = owners == null ? new HashMap<>() : new HashMap<>(owners);
    copy.put(key, value);
    return Map.copyOf(copy);
  }

  private static <V> Map<String, V> without(Map<String, V> owners, String key) {
    if (!owners.containsKey(key)) {
      return owners;
    }
    Map<String, V> copy = new HashMap<>(owners);
    copy.remove(key);
    return copy.isEmpty() ? null : Map.copyOf(copy);
  }
}
