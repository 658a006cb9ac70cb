package io.weft.agent.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IP address of either family with a prefix length, as the kernel takes it: an interface's
 * address, a route's destination, a WireGuard peer's allowed IPs (Go's {@code net.IPNet}, as
 * vishvananda/netlink uses it). weft's own addresses, IPv4 in the range, are {@link
 * io.weft.common.net.Cidr}; an IPv4 address reads by the same rule in both.
 */
public record IpNet(InetAddress ip, int prefixLength) {

  public IpNet {
    int max = maxPrefix(ip);
    if (prefixLength < 0 || prefixLength > max) {
      throw InvalidArgumentException.rejected("cidr(" + ip.getHostAddress() + "/" + prefixLength + ")",
          "invalid prefix length " + prefixLength + ", must be 0.." + max);
    }
  }

  /** Parses {@code 10.32.0.1/12} or {@code fd00::1/64}; a bad address or prefix names itself. */
  public static IpNet parse(String s) {
    String op = "cidrParse(" + s + ")";
    int slash = s == null ? -1 : s.indexOf('/');
    if (slash < 0) {
      throw InvalidArgumentException.rejected(op, "invalid CIDR \"" + s + "\": no prefix length");
    }
    InetAddress ip = IpLiteral.parse(op, s.substring(0, slash));
    String p = s.substring(slash + 1);
    if (!p.matches(io.weft.common.net.Cidr.PREFIX)) {
      throw InvalidArgumentException.rejected(op, "invalid prefix length \"" + p + "\" in \"" + s + "\"");
    }
    int len = Integer.parseInt(p);
    if (len > maxPrefix(ip)) {
      throw InvalidArgumentException.rejected(op, "invalid prefix length " + len + " in \"" + s + "\", must be 0.." + maxPrefix(ip));
    }
    return new IpNet(ip, len);
  }

  /** Parses a bare address literal (no prefix). */
  public static InetAddress parseIp(String s) {
    return IpLiteral.parse("ipParse(" + s + ")", s);
  }

  public boolean isIpv4() {
    return ip instanceof Inet4Address;
  }

  private static int maxPrefix(InetAddress ip) {
    return ip instanceof Inet4Address ? 32 : 128;
  }

  @Override
  public String toString() {
    return ip.getHostAddress() + "/" + prefixLength;
  }
}
