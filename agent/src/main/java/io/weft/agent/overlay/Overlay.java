package io.weft.agent.overlay;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.host.Underlay;
import io.weft.agent.host.WeftInterfaces;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NetlinkException;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.netlink.NotFoundException;
import io.weft.agent.netlink.Vxlan;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The kernel's side of the fleet on this host: the bridge, the VXLAN device on it, its
 * forwarding entries kept equal to the peer map, and the firewall table that takes VXLAN from
 * those peers alone ({@link VxlanGuard}). Every call does blocking netlink work: the caller runs
 * it on a thread of its own, never an event loop.
 */
public final class Overlay {

  private static final Logger LOG = Logger.getLogger(Overlay.class.getName());

  private final Netlink host;
  private final Underlay underlay;
  private final VxlanGuard guard;
  private int vxlanIndex;
  private int vxlanPort = Vxlan.IANA_PORT;
  private int vni = VxlanDevice.VNI;
  private Set<InetAddress> remotes = Set.of();

  /** @param firewall the host's nf_tables, for the guard */
  public Overlay(Netlink host, NfTables firewall, Underlay underlay) {
    this.host = host;
    this.underlay = underlay;
    this.guard = new VxlanGuard(firewall);
  }

  /**
   * Makes the guard (taking VXLAN from the peers known so far, none at first), the bridge and the
   * VXLAN device; returns the device as the host's tunnel endpoint.
   */
  public Vtep start() {
    guardVxlan();
    HostNetwork network = new HostNetwork(host);
    int bridge = network.ensureBridge();
    network.enslaveEndpoints(bridge);
    Link vxlan = VxlanDevice.ensure(host, underlay, bridge);
    vxlanIndex = vxlan.index();
    Vxlan device = (Vxlan) vxlan;
    vxlanPort = device.port();
    vni = device.vni();
    guardVxlan();
    return new Vtep(String.valueOf(device.attrs().mac()), device.vni(), device.port());
  }

  private void guardVxlan() {
    try {
      guard.allowOnly(remotes, vxlanPort, vni);
    } catch (NetlinkException e) {
      LOG.warning("VXLAN from strangers is not kept out: the firewall table was refused: " + e.getMessage());
    }
  }

  /**
   * {@value PeerRecord#HEALTHY} when the bridge and the VXLAN device are there, up, and joined;
   * else what is wrong, in a few words, for the peer table.
   */
  public String health() {
    try {
      Optional<Link> bridge = new HostNetwork(host).bridgeLink();
      if (bridge.isEmpty()) {
        return "degraded: no bridge " + WeftInterfaces.BRIDGE;
      }
      if (!bridge.get().attrs().up()) {
        return "degraded: bridge " + WeftInterfaces.BRIDGE + " is down";
      }
      Link vxlan;
      try {
        vxlan = host.links().get(WeftInterfaces.VXLAN);
      } catch (NotFoundException e) {
        return "degraded: no VXLAN device " + WeftInterfaces.VXLAN;
      }
      if (!vxlan.attrs().up()) {
        return "degraded: " + WeftInterfaces.VXLAN + " is down";
      }
      if (vxlan.attrs().masterIndex() != bridge.get().index()) {
        return "degraded: " + WeftInterfaces.VXLAN + " is not on bridge " + WeftInterfaces.BRIDGE;
      }
      return PeerRecord.HEALTHY;
    } catch (NetlinkException e) {
      return "degraded: the kernel did not answer (" + e.getMessage() + ")";
    }
  }

  /**
   * Brings the VXLAN device's entries in line with the fleet: a flood entry for every peer but
   * this host, and a forwarding and a neighbour entry for every address those peers hold.
   * Logs what changed; true when the kernel was changed.
   */
  public boolean follow(List<PeerRecord> peers, List<Endpoint> endpoints) {
    Set<InetAddress> remotes = new HashSet<>();
    String self = underlay.address().address().toString();
    for (PeerRecord peer : peers) {
      if (!peer.address().equals(self)) {
        remotes.add(RemoteEndpoint.inet(peer.address()));
      }
    }
    this.remotes = Set.copyOf(remotes);
    // the guard lets in the peers the flood entries send to, and no one else
    guardVxlan();
    try {
      FloodEntries.Change flood = FloodEntries.reconcile(host, vxlanIndex, remotes);
      if (!flood.isEmpty()) {
        LOG.info("flood entries: added " + names(flood.added())
            + ", removed " + names(flood.removed()));
      }
      EndpointEntries.Change direct = EndpointEntries.reconcile(
          host, vxlanIndex, RemoteEndpoint.of(peers, endpoints, self));
      if (!direct.isEmpty()) {
        LOG.fine("container entries: added " + direct.added() + ", removed " + direct.removed());
      }
      return !flood.isEmpty() || !direct.isEmpty();
    } catch (NetlinkException e) {
      LOG.warning("forwarding entries not brought in line with the fleet: " + e.getMessage());
      return false;
    }
  }

  private static List<String> names(Set<InetAddress> addresses) {
    return addresses.stream().map(InetAddress::getHostAddress).sorted().toList();
  }
}
