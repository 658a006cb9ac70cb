package io.weft.agent.alloc;

import io.weft.common.alloc.Holding;
import io.weft.common.net.Ipv4;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * This host's part of the record as the fleet's maps show it: its entry in the {@link
 * BlockDirectory} and what its containers hold in {@link FleetHoldings}, each written by this
 * host alone. Entered again in full after a join or a merge; keys it removed lately are removed
 * again then, as a side of a split that merges back may bring them. Every method is called
 * under the record's lock.
 */
final class Publication {

  private static final Duration REMEMBER_REMOVALS = Duration.ofMinutes(10);

  private final BookState state;
  /** Keys of the fleet's holdings this host removed lately, and when. */
  private final Map<String, Instant> removed = new LinkedHashMap<>();

  Publication(BookState state) {
    this.state = state;
  }

  /** Enters this host's fleet, range and blocks in the directory. */
  void entry() {
    HostRecord record = state.record;
    state.directory.publish(state.host, record.fleet().orElse(null), state.layout.range(), record.blocks());
  }

  /** Records {@code held} as {@code owner}'s, here and in the fleet's holdings. */
  void hold(Owner owner, HostRecord.Held held) {
    // held again (Docker hands its network's addresses out again under one owner): not stale
    removed.remove(key(owner.container(), held.cidr().address()));
    state.record.hold(owner.container(), held);
    state.holdings.put(new Holding(held.cidr(), state.host, owner.container(), held.since(), held.mac()));
  }

  /** Takes {@code ip} of {@code container} out of the fleet's holdings, and remembers it went. */
  void forget(String container, Ipv4 ip) {
    state.holdings.remove(state.host, container, ip);
    removed.put(key(container, ip), Instant.now());
  }

  /** Enters this host's blocks and every address it holds again, and clears stale ones. */
  void all() {
    entry();
    state.record.holdings().forEach((container, held) -> held.values().forEach(h ->
        state.holdings.put(new Holding(h.cidr(), state.host, container, h.since(), h.mac()))));
    Instant forgotten = Instant.now().minus(REMEMBER_REMOVALS);
    removed.values().removeIf(at -> at.isBefore(forgotten));
    removed.keySet().forEach(state.holdings::removeKey);
    dropStale();
  }

  /**
   * Removes this host's entries in its copy of the fleet's holdings that its record no longer
   * has: a copy filled again after a merge may show some the other side kept.
   */
  void dropStale() {
    Set<String> keys = new HashSet<>();
    state.record.holdings().forEach((container, held) -> held.values().forEach(h ->
        keys.add(key(container, h.cidr().address()))));
    for (String key : state.holdings.keysOf(state.host)) {
      if (!keys.contains(key)) {
        state.holdings.removeKey(key);
      }
    }
  }

  private String key(String container, Ipv4 ip) {
    return state.host + "|" + container + "|" + ip;
  }
}
