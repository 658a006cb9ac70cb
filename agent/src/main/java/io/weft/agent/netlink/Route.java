package io.weft.agent.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A route in the main table.
 *
 * @param dst the destination, null for the default route
 * @param gateway the next hop, null for a directly connected destination
 * @param linkIndex ifindex of the output device, 0 for none
 * @param scope the scope; null when adding picks LINK without a gateway, UNIVERSE with one
 * @param ipv6 whether this is an IPv6 route (needed when neither dst nor gateway say it)
 */
public record Route(IpNet dst, InetAddress gateway, int linkIndex, Scope scope, boolean ipv6) {

  public static Route to(IpNet dst) {
    return new Route(dst, null, 0, null, !dst.isIpv4());
  }

  public static Route to(String dst) {
    return to(IpNet.parse(dst));
  }

  /** The default route of a family. */
  public static Route defaultRoute(boolean ipv6) {
    return new Route(null, null, 0, null, ipv6);
  }

  public Route via(InetAddress gateway) {
    return new Route(dst, gateway, linkIndex, scope, ipv6);
  }

  public Route via(String gateway) {
    return via(IpNet.parseIp(gateway));
  }

  public Route dev(int linkIndex) {
    return new Route(dst, gateway, linkIndex, scope, ipv6);
  }

  public Route scope(Scope scope) {
    return new Route(dst, gateway, linkIndex, scope, ipv6);
  }

  /** The scope the kernel is asked for: as given, else what {@code ip route add} would pick. */
  Scope effectiveScope() {
    if (scope != null) {
      return scope;
    }
    return gateway == null && linkIndex > 0 ? Scope.LINK : Scope.UNIVERSE;
  }

  @Override
  public String toString() {
    return (dst == null ? "default" : dst.toString())
        + (gateway == null ? "" : " via " + gateway.getHostAddress())
        + (linkIndex == 0 ? "" : " dev #" + linkIndex);
  }

  boolean familyMatches() {
    return gateway == null || (gateway instanceof Inet4Address) != ipv6;
  }
}
