package io.weft.agent.netlink;

import java.net.Inet4Address;

/**
 * A VXLAN device.
 *
 * @param vni the VXLAN network identifier (24 bits)
 * @param local the local IPv4 address packets leave from, null for any
 * @param underlayIndex ifindex of the underlay device, 0 for none
 * @param port the UDP destination port (sent big-endian, as the kernel wants)
 * @param learning whether the device learns remote MACs from traffic (weft: off)
 * @param proxy whether the device answers ARP from its neighbour table
 */
public record Vxlan(LinkAttrs attrs, int vni, Inet4Address local, int underlayIndex, int port,
    boolean learning, boolean proxy) implements Link {

  public static final int IANA_PORT = 4789;

  public Vxlan {
    if (vni < 0 || vni > 0xffffff) {
      throw InvalidArgumentException.rejected("vxlan(" + attrs.name() + ")", "invalid VNI " + vni + ", must be 0..16777215");
    }
    if (port < 0 || port > 0xffff) {
      throw InvalidArgumentException.rejected("vxlan(" + attrs.name() + ")", "invalid UDP port " + port);
    }
  }

  /** A VXLAN device on the IANA port with learning and proxy off. */
  public static Vxlan of(String name, int vni) {
    return new Vxlan(LinkAttrs.named(name), vni, null, 0, IANA_PORT, false, false);
  }

  public Vxlan withLocal(Inet4Address local) {
    return new Vxlan(attrs, vni, local, underlayIndex, port, learning, proxy);
  }

  public Vxlan withUnderlay(int underlayIndex) {
    return new Vxlan(attrs, vni, local, underlayIndex, port, learning, proxy);
  }

  public Vxlan withPort(int port) {
    return new Vxlan(attrs, vni, local, underlayIndex, port, learning, proxy);
  }

  public Vxlan withLearning(boolean learning) {
    return new Vxlan(attrs, vni, local, underlayIndex, port, learning, proxy);
  }

  public Vxlan withProxy(boolean proxy) {
    return new Vxlan(attrs, vni, local, underlayIndex, port, learning, proxy);
  }

  public Vxlan withAttrs(LinkAttrs attrs) {
    return new Vxlan(attrs, vni, local, underlayIndex, port, learning, proxy);
  }

  @Override
  public String kind() {
    return "vxlan";
  }
}
