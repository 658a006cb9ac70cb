package io.weft.agent;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.cluster.PeerRecord;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Keeps the overlay in step with the last peers and endpoints read from the fleet's maps, on a
 * thread of its own. Reading a map can wait on a partition whose owner just died; dropping that
 * owner's tunnels must not, so a departure is applied from what is already known here.
 */
final class OverlayFollower {

  private static final Logger LOG = Logger.getLogger(OverlayFollower.class.getName());

  private final Entries entries;
  private final Predicate<PeerRecord> isLive;
  private final CoalescingTask follow;
  private volatile List<PeerRecord> peers = List.of();
  private volatile List<Endpoint> endpoints = List.of();
  /** What the last reconcile brought the kernel in line with; only the overlay thread uses it. */
  private Known applied;

  /** The live peers and the endpoints a reconcile followed. */
  private record Known(List<PeerRecord> peers, List<Endpoint> endpoints) {}

  /** The kernel's forwarding entries: the overlay in the agent, a fake in the tests. */
  @FunctionalInterface
  interface Entries {

    /** Brings the kernel in line with {@code peers} and {@code endpoints}; true when it changed anything. */
    boolean follow(List<PeerRecord> peers, List<Endpoint> endpoints);
  }

  /**
   * @param entries the kernel's forwarding entries, changed on {@code overlayThread} alone
   * @param isLive whether a peer's member is in the cluster now, answered locally
   */
  OverlayFollower(Entries entries, Executor overlayThread, Predicate<PeerRecord> isLive) {
    this.entries = entries;
    this.isLive = isLive;
    this.follow = new CoalescingTask(overlayThread, this::apply);
  }

  void peersRead(List<PeerRecord> peers) {
    if (!peers.equals(this.peers)) {
      this.peers = peers;
      follow.request();
    }
  }

  void endpointsRead(List<Endpoint> endpoints) {
    if (!endpoints.equals(this.endpoints)) {
      this.endpoints = endpoints;
      follow.request();
    }
  }

  /** A member left: its peer entry may still be in the map, but its tunnels go now. */
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
    Known now = new Known(peers.stream().filter(isLive).toList(), endpoints);
    boolean changed = entries.follow(now.peers(), now.endpoints());
    if (changed && now.equals(applied)) {
      LOG.warning("the kernel's forwarding entries had drifted from the fleet's, with nothing "
          + "new in the fleet: put back");
    }
    applied = now;
  }
}
