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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The kernel's side of the fleet on this host: the bridge, the VXLAN device on it, its
 * forwarding entries kept equal to the hosts the data plane carries traffic to, and the firewall
 * table that takes VXLAN from those hosts alone ({@link VxlanGuard}). Every call does blocking
 * netlink work: the caller runs it on a thread of its own, never an event loop.
 *
 * <p>An agent that starts again finds all of it in place, carrying traffic: until it knows the
 * fleet ({@code prune} false in {@link #follow}) it adds what is missing and takes nothing away.
 */
public final class Overlay {

  private static final Logger LOG = Logger.getLogger(Overlay.class.getName());

  private final Netlink host;
  private final Underlay underlay;
  private final VxlanGuard guard;
  private int mtu = WeftInterfaces.MTU;
  private int vxlanIndex;
  private int vxlanPort = Vxlan.IANA_PORT;
  private int vni = VxlanDevice.VNI;
  private Set<InetAddress> remotes = Set.of();
  private Set<InetAddress> sealed = Set.of();
  private Set<InetAddress> members = Set.of();
  /** The guard was in the kernel when this agent started: an earlier agent's, kept until the fleet is known. */
  private boolean guardInherited;

  /**
   * @param firewall the host's nf_tables, for the guard
   * @param wireguard the WireGuard device sealed VXLAN comes out of
   * @param wireguardPort the UDP port that device listens on, which the guard keeps strangers off
   */
  public Overlay(Netlink host, NfTables firewall, Underlay underlay, String wireguard, int wireguardPort) {
    this.host = host;
    this.underlay = underlay;
    this.guard = new VxlanGuard(firewall, wireguard, wireguardPort);
  }

  /**
   * Makes the guard (when none is there: taking VXLAN from no one yet), the bridge and the VXLAN
   * device, both of MTU {@code mtu}, and gives the veths already on the bridge the same MTU;
   * returns the device as the host's tunnel endpoint.
   */
  public Vtep start(int mtu) {
    this.mtu = mtu;
    boolean guarded = guardPresent();
    guardInherited = guarded;
    if (!guarded) {
      guardVxlan();
    }
    HostNetwork network = new HostNetwork(host);
    int bridge = network.ensureBridge(mtu);
    network.enslaveEndpoints(bridge);
    BridgePorts.alignMtu(host, bridge, mtu);
    Link vxlan = VxlanDevice.ensure(host, underlay, bridge, mtu);
    vxlanIndex = vxlan.index();
    Vxlan device = (Vxlan) vxlan;
    vxlanPort = device.port();
    vni = device.vni();
    if (!guarded) {
      guardVxlan();
    }
    return new Vtep(String.valueOf(device.attrs().mac()), device.vni(), device.port());
  }

  /** Makes again what {@link #start(int)} made, with the same MTU: after something broke it. */
  public Vtep start() {
    return start(mtu);
  }

  public int mtu() {
    return mtu;
  }

  private boolean guardPresent() {
    try {
      return guard.present();
    } catch (NetlinkException e) {
      return false;
    }
  }

  private void guardVxlan() {
    try {
      guard.allowOnly(remotes, sealed, members, vxlanPort, vni);
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
   * Brings the VXLAN device's entries in line with the fleet: a flood entry for every other host
   * the data plane carries traffic to ({@code hosts}: name to underlay address), and a
   * forwarding and a neighbour entry for every address those hosts hold; VXLAN is taken from
   * those hosts alone, and from those in {@code sealed} only out of WireGuard; WireGuard from
   * {@code members} alone. With {@code prune} false, nothing is taken away. Logs what changed;
   * true when the kernel was changed.
   */
  public boolean follow(Map<String, InetAddress> hosts, List<Endpoint> endpoints, Set<InetAddress> sealed,
      Set<InetAddress> members, boolean prune) {
    Set<InetAddress> remotes = new HashSet<>(hosts.values());
    InetAddress self = inet(underlay.address().address().toString());
    remotes.remove(self);
    this.remotes = Set.copyOf(remotes);
    this.sealed = Set.copyOf(sealed);
    Set<InetAddress> others = new HashSet<>(members);
    others.remove(self);
    this.members = Set.copyOf(others);
    // the guard lets in the hosts the flood entries send to, and no one else; until the fleet is
    // known, a guard an earlier agent left stays (it carries the traffic meanwhile) and only gains
    // the hosts this agent knows of
    if (prune || !guardInherited || !guardPresent()) {
      guardVxlan();
    } else {
      try {
        guard.alsoAllow(remotes, sealed, members);
      } catch (NetlinkException e) {
        LOG.warning("VXLAN from hosts new to the guard is not let in yet: " + e.getMessage());
      }
    }
    try {
      FloodEntries.Change flood = FloodEntries.reconcile(host, vxlanIndex, remotes, prune);
      if (!flood.isEmpty()) {
        LOG.info("flood entries: added " + names(flood.added())
            + ", removed " + names(flood.removed()));
      }
      EndpointEntries.Change direct = EndpointEntries.reconcile(
          host, vxlanIndex, RemoteEndpoint.of(hosts, endpoints), prune);
      if (!direct.isEmpty()) {
        LOG.fine("container entries: added " + direct.added() + ", removed " + direct.removed());
      }
      return !flood.isEmpty() || !direct.isEmpty();
    } catch (NetlinkException e) {
      LOG.warning("forwarding entries not brought in line with the fleet: " + e.getMessage());
      return false;
    }
  }

  private static InetAddress inet(String address) {
    return RemoteEndpoint.inet(address);
  }

  private static List<String> names(Set<InetAddress> addresses) {
    return addresses.stream().map(InetAddress::getHostAddress).sorted().toList();
  }
}
