package io.weft.agent.overlay;

import io.weft.agent.netlink.MacAddress;
import io.weft.agent.netlink.Neighbour;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NotFoundException;
import io.weft.agent.netlink.wire.NeighAttr;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The VXLAN device's entries for each remote container, as Docker's overlay driver keeps them:
 * its MAC towards its host's VTEP in the forwarding table, so a frame goes to that host alone,
 * and its IP to MAC as a permanent neighbour, so the device (with {@code proxy} on) answers ARP
 * itself and ARP never floods the fleet.
 */
final class EndpointEntries {

  private EndpointEntries() {}

  private record Forwarding(MacAddress mac, InetAddress vtep) {}

  /** What {@link #reconcile} changed, counted. */
  record Change(int added, int removed) {
    boolean isEmpty() {
      return added == 0 && removed == 0;
    }
  }

  /**
   * Makes the device's per-MAC and neighbour entries exactly those of {@code wanted}; without
   * {@code prune}, only adds and corrects, removing nothing.
   */
  static Change reconcile(Netlink host, int vxlanIndex, Set<RemoteEndpoint> wanted, boolean prune) {
    Set<Forwarding> wantedForwarding = new HashSet<>();
    Map<InetAddress, MacAddress> wantedNeighbours = new HashMap<>();
    for (RemoteEndpoint e : wanted) {
      wantedForwarding.add(new Forwarding(e.mac(), e.vtep()));
      wantedNeighbours.put(e.ip(), e.mac());
    }
    Set<Forwarding> presentForwarding = new HashSet<>();
    for (Neighbour n : host.neighbours().listFdb(vxlanIndex)) {
      // the device's own entries with a destination; the flood entries are FloodEntries' business
      if ((n.flags() & NeighAttr.NTF_SELF) != 0 && n.ip() != null && n.mac() != null && !n.mac().isZero()) {
        presentForwarding.add(new Forwarding(n.mac(), n.ip()));
      }
    }
    Map<InetAddress, MacAddress> presentNeighbours = new HashMap<>();
    for (Neighbour n : host.neighbours().list(false)) {
      if (n.linkIndex() == vxlanIndex && n.ip() != null) {
        presentNeighbours.put(n.ip(), n.mac());
      }
    }

    int removed = 0;
    int added = 0;
    for (Forwarding f : presentForwarding) {
      if (prune && !wantedForwarding.contains(f)) {
        removed += deleted(host, Neighbour.fdb(vxlanIndex, f.mac(), f.vtep()));
      }
    }
    for (Map.Entry<InetAddress, MacAddress> n : presentNeighbours.entrySet()) {
      MacAddress wantedMac = wantedNeighbours.get(n.getKey());
      boolean stale = wantedMac == null ? prune : !wantedMac.equals(n.getValue());
      if (n.getValue() == null || stale) {
        removed += deleted(host, Neighbour.arp(vxlanIndex, n.getKey(), n.getValue()));
      }
    }
    for (Forwarding f : wantedForwarding) {
      if (!presentForwarding.contains(f)) {
        host.neighbours().replace(Neighbour.fdb(vxlanIndex, f.mac(), f.vtep()));
        added++;
      }
    }
    for (Map.Entry<InetAddress, MacAddress> n : wantedNeighbours.entrySet()) {
      if (!n.getValue().equals(presentNeighbours.get(n.getKey()))) {
        host.neighbours().replace(Neighbour.arp(vxlanIndex, n.getKey(), n.getValue()));
        added++;
      }
    }
    return new Change(added, removed);
  }

  private static int deleted(Netlink host, Neighbour entry) {
    try {
      host.neighbours().delete(entry);
      return 1;
    } catch (NotFoundException gone) {
      return 0; // removed meanwhile: the wanted end state
    }
  }
}
