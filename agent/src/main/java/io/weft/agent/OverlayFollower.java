package io.weft.agent;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.wire.WireRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps the data plane in step with the last peers, wire entries and endpoints read from the
 * fleet's maps, on a thread of its own. Reading a map can wait on a partition whose owner just
 * died; following a departure must not, so it is applied from what is already known here.
 */
final class OverlayFollower {

  private static final Logger LOG = Logger.getLogger(OverlayFollower.class.getName());

  private final Entries entries;
  private final Predicate<PeerRecord> isLive;
  private final Supplier<Set<String>> removed;
  private final CoalescingTask follow;
  private volatile List<PeerRecord> peers = List.of();
  private volatile Map<String, WireRecord> wires = Map.of();
  /** The map's entries as last read, and the entries the bus brought since, by host. */
  private Map<String, WireRecord> mapped = Map.of();
  private final Map<String, WireRecord> said = new HashMap<>();
  private volatile List<Endpoint> endpoints = List.of();
  /** What the last reconcile brought the kernel in line with; only the overlay thread uses it. */
  private Known applied;

  /** The live hosts, the wire entries and the endpoints a reconcile followed. */
  private record Known(Set<String> live, Map<String, WireRecord> wires, List<Endpoint> endpoints) {}

  /** The data plane's entries in the kernel: the wire in the agent, a fake in the tests. */
  @FunctionalInterface
  interface Entries {

    /**
     * Brings the kernel in line with the fleet: {@code live}, the hosts whose agents are in the
     * cluster; {@code wires}, every host's wire entry; {@code removed}, the hosts rmpeer removed.
     * True when it changed anything.
     */
    boolean follow(Set<String> live, Map<String, WireRecord> wires, List<Endpoint> endpoints, Set<String> removed);
  }

  /**
   * @param entries the kernel's entries, changed on {@code overlayThread} alone
   * @param isLive whether a peer's member is in the cluster now, answered locally
   * @param removed the hosts removed with rmpeer
   */
  OverlayFollower(Entries entries, Executor overlayThread, Predicate<PeerRecord> isLive,
      Supplier<Set<String>> removed) {
    this.entries = entries;
    this.isLive = isLive;
    this.removed = removed;
    this.follow = new CoalescingTask(overlayThread, this::apply);
  }

  void peersRead(List<PeerRecord> peers) {
    if (!peers.equals(this.peers)) {
      this.peers = peers;
      follow.request();
      synchronized (this) {
        takeLatest(); // a peer's word the bus brought may count now
      }
    }
  }

  /** The map's entries, each replaced by a later one the bus brought. */
  synchronized void wiresRead(Map<String, WireRecord> wires) {
    mapped = Map.copyOf(wires);
    takeLatest();
  }

  /**
   * A host's entry as it published it on the bus, straight from it: taken while the map holds an
   * entry of that host or the host is a peer, and while it is the later of the two. The map may be
   * late with it (a write goes through the entry's partition owner, which may be a host this one
   * cannot reach), or lack it for a while (a joiner's copy has holes until Hazelcast fills them).
   */
  synchronized void wireSaid(WireRecord entry) {
    WireRecord before = said.get(entry.name());
    if (before == null || entry.at() > before.at()) {
      said.put(entry.name(), entry);
      takeLatest();
    }
  }

  private void takeLatest() {
    Map<String, WireRecord> latest = new HashMap<>(mapped);
    Set<String> known = new HashSet<>(mapped.keySet());
    peers.forEach(p -> known.add(p.name()));
    said.keySet().retainAll(known);
    said.forEach((host, entry) -> {
      WireRecord inMap = latest.get(host);
      if (inMap == null || entry.at() > inMap.at()) {
        latest.put(host, entry);
      }
    });
    if (!latest.equals(this.wires)) {
      this.wires = Map.copyOf(latest);
      follow.request();
    }
  }

  void endpointsRead(List<Endpoint> endpoints) {
    if (!endpoints.equals(this.endpoints)) {
      this.endpoints = endpoints;
      follow.request();
    }
  }

  /** A member left: its peer entry may still be in the map, but it is no longer live. */
  void memberLeft() {
    follow.request();
  }

  /**
   * Brings the kernel in line again with what is known, changed or not: a reconcile that failed
   * half-way (a netlink error while a peer went) has nothing else to set it off again.
   */
  void recheck() {
    follow.request();
  }

  /** The overlay was made again: every entry goes back, now, on the caller's (overlay) thread. */
  void reapply() {
    apply();
  }

  private void apply() {
    Set<String> live = new HashSet<>();
    Map<String, WireRecord> said = new HashMap<>(wires);
    for (PeerRecord p : peers) {
      if (isLive.test(p)) {
        live.add(p.name());
        // a host whose new agent has not written its wire entry yet: the old agent's word is not its
        said.computeIfPresent(p.name(), (name, wire) -> wire.asSaidBy(p.member()));
      }
    }
    Known now = new Known(Set.copyOf(live), Map.copyOf(said), endpoints);
    boolean changed = entries.follow(now.live(), now.wires(), now.endpoints(), removed.get());
    if (changed && now.equals(applied)) {
      LOG.warning("the kernel's forwarding entries had drifted from the fleet's, with nothing "
          + "new in the fleet: put back");
    }
    applied = now;
  }
}
