package io.weft.agent.overlay;

import io.weft.agent.netlink.MacAddress;
import io.weft.agent.netlink.Neighbour;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NotFoundException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The VXLAN device's all-zero-MAC forwarding entries, one per remote host: frames with no more
 * precise entry (broadcasts, ARP, unknown MACs) are copied to every peer, Weave's way.
 */
final class FloodEntries {

  private FloodEntries() {}

  /** What {@link #reconcile} changed. */
  record Change(Set<InetAddress> added, Set<InetAddress> removed) {
    boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty();
    }
  }

  /**
   * Makes the device's flood entries exactly {@code remotes}: adds the missing and, when {@code
   * prune}, drops the rest.
   */
  static Change reconcile(Netlink host, int vxlanIndex, Set<InetAddress> remotes, boolean prune) {
    Set<InetAddress> present = new HashSet<>();
    for (Neighbour n : host.neighbours().listFdb(vxlanIndex)) {
      if (n.mac() != null && n.mac().isZero() && n.ip() != null) {
        present.add(n.ip());
      }
    }
    Set<InetAddress> added = new HashSet<>(remotes);
    added.removeAll(present);
    Set<InetAddress> removed = new HashSet<>(present);
    removed.removeAll(remotes);
    if (!prune) {
      removed.clear();
    }
    for (InetAddress vtep : added) {
      host.neighbours().append(Neighbour.fdb(vxlanIndex, MacAddress.ZERO, vtep));
    }
    for (InetAddress vtep : removed) {
      try {
        host.neighbours().delete(Neighbour.fdb(vxlanIndex, MacAddress.ZERO, vtep));
      } catch (NotFoundException gone) {
        // removed meanwhile by someone else: the wanted end state
      }
    }
    return new Change(added, removed);
  }
}
