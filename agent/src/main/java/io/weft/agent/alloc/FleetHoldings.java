package io.weft.agent.alloc;

import io.vertx.core.json.JsonObject;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.Holding;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What every container of the fleet holds, as each host tells it: a replicated map, {@value
 * #MAP}, keyed by holder first ({@code host|container|address}) and written by the holder's host
 * alone. An address held twice (by explicit claims, or by two fleets that met) shows as two
 * entries, so no merge of the map can hide it. The overlay sends frames by it; the conflict
 * watch reads duplicates from it.
 */
public final class FleetHoldings {

  public static final String MAP = "weft.addresses";
  private static final Logger LOG = Logger.getLogger(FleetHoldings.class.getName());

  private final Map<String, String> map;

  /** @param map the replicated map (any map, in tests) */
  public FleetHoldings(Map<String, String> map) {
    this.map = map;
  }

  public void put(Holding holding) {
    map.put(holding.key(), new JsonObject().put("prefix", holding.cidr().prefixLength())
        .put("since", holding.since().toString()).put("mac", holding.mac()).encode());
  }

  public void remove(String host, String container, Ipv4 address) {
    map.remove(host + "|" + container + "|" + address);
  }

  /** Every holding that reads; a malformed entry is left out and said in the log. */
  public List<Holding> all() {
    List<Holding> all = new ArrayList<>();
    for (Map.Entry<String, String> e : Map.copyOf(map).entrySet()) {
      try {
        String[] key = e.getKey().split("\\|");
        JsonObject value = new JsonObject(e.getValue());
        all.add(new Holding(new Cidr(Ipv4.parse(key[2]), value.getInteger("prefix")), key[0], key[1],
            Instant.parse(value.getString("since")), value.getString("mac")));
      } catch (RuntimeException malformed) {
        LOG.warning("skipping the malformed entry " + e.getKey() + " in " + MAP + ": " + malformed);
      }
    }
    return all;
  }

  /** The holdings of {@code host}, as the fleet sees them. */
  public List<Holding> of(String host) {
    return all().stream().filter(h -> h.host().equals(host)).toList();
  }

  /**
   * Entries that cannot be true: one address held for two holders of one host, which hands an
   * address to one holder at a time. The newest is the host's; an older one is a removal that
   * missed this copy of the map (a copy refilled after a merge, with the host's memory of its
   * removals lost to a restart), which no other rule would take away, and which would pass for
   * the keeper of a conflict with the holder that is real.
   */
  public static List<Holding> stale(List<Holding> all) {
    Map<String, List<Holding>> byHostAndAddress = new java.util.HashMap<>();
    all.forEach(h -> byHostAndAddress.computeIfAbsent(h.host() + "|" + h.cidr().address(),
        k -> new ArrayList<>()).add(h));
    List<Holding> stale = new ArrayList<>();
    for (List<Holding> same : byHostAndAddress.values()) {
      if (same.size() > 1) {
        same.sort(java.util.Comparator.comparing(Holding::since).thenComparing(Holding::container));
        stale.addAll(same.subList(0, same.size() - 1));
      }
    }
    return stale;
  }

  /** Every holding that reads and is not {@link #stale}. */
  public List<Holding> current() {
    List<Holding> all = all();
    all.removeAll(stale(all));
    return all;
  }

  /**
   * Every address whose MAC is known, with its host: where the overlay sends frames. Of an
   * address held twice, only its keeper's; a stale entry is left out.
   */
  public List<Endpoint> endpoints() {
    List<Holding> all = current();
    Set<Holding> losers = new HashSet<>();
    Conflicts.find(all).forEach(c -> losers.addAll(c.losers()));
    List<Endpoint> endpoints = new ArrayList<>();
    for (Holding h : all) {
      if (h.mac() != null && !losers.contains(h)) {
        endpoints.add(new Endpoint(h.cidr().address(), h.host(), h.mac()));
      }
    }
    endpoints.sort(java.util.Comparator.comparing(Endpoint::address));
    return endpoints;
  }

  /** Every key of {@code host}'s, for a host that republishes or is removed. */
  public List<String> keysOf(String host) {
    return map.keySet().stream().filter(k -> k.startsWith(host + "|")).toList();
  }

  public void removeKey(String key) {
    map.remove(key);
  }
}
