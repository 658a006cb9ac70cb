package io.weft.agent.overlay;

import static io.weft.agent.host.WeftInterfaces.VXLAN;

import io.weft.agent.host.Underlay;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.LinkAttrs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NotFoundException;
import io.weft.agent.netlink.Vxlan;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The host's VXLAN device, {@code vxlan-weft}: on the bridge, sending from the underlay address,
 * learning off (its forwarding entries come from the fleet's state, not from traffic), and
 * {@code proxy} on (it answers ARP for remote containers from its neighbour table).
 */
final class VxlanDevice {

  /** Weave's port number as the network identifier: any fixed value shared by the fleet. */
  static final int VNI = 6783;

  private VxlanDevice() {}

  /**
   * Makes the device as wanted, replacing one made for another address; returns it, up. Only its
   * MTU is changed in place: deleting the device would drop its forwarding entries, and traffic.
   */
  static Link ensure(Netlink host, Underlay underlay, int bridgeIndex, int mtu) {
    Vxlan wanted = Vxlan.of(VXLAN, VNI)
        .withLocal(inet(underlay))
        .withUnderlay(underlay.linkIndex())
        .withLearning(false)
        .withProxy(true)
        .withAttrs(LinkAttrs.named(VXLAN).withMtu(mtu).withMaster(bridgeIndex).withUp(true));
    Link present = find(host);
    if (present != null && matches(present, wanted, bridgeIndex) && present.attrs().mtu() != mtu) {
      host.links().setMtu(VXLAN, mtu);
    }
    if (present != null && !matches(present, wanted, bridgeIndex)) {
      host.links().delete(VXLAN);
      present = null;
    }
    if (present == null) {
      host.links().add(wanted);
    } else if (!present.attrs().up()) {
      host.links().setUp(VXLAN);
    }
    return host.links().get(VXLAN);
  }

  private static boolean matches(Link present, Vxlan wanted, int bridgeIndex) {
    return present instanceof Vxlan v && v.vni() == wanted.vni()
        && wanted.local().equals(v.local()) && v.underlayIndex() == wanted.underlayIndex()
        && v.port() == wanted.port() && !v.learning() && v.proxy()
        && v.attrs().masterIndex() == bridgeIndex;
  }

  private static Link find(Netlink host) {
    try {
      return host.links().get(VXLAN);
    } catch (NotFoundException e) {
      return null;
    }
  }

  private static Inet4Address inet(Underlay underlay) {
    try {
      return (Inet4Address) InetAddress.getByAddress(underlay.address().address().toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
