package io.weft.agent.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An IP address with a prefix length: an interface address or a route's destination. */
public record Cidr(InetAddress ip, int prefixLength) {

  public Cidr {
    int max = maxPrefix(ip);
    if (prefixLength < 0 || prefixLength > max) {
      throw InvalidArgumentException.rejected("cidr(" + ip.getHostAddress() + "/" + prefixLength + ")",
          "invalid prefix length " + prefixLength + ", must be 0.." + max);
    }
  }

  /** Parses {@code 10.32.0.1/12} or {@code fd00::1/64}; a bad address or prefix names itself. */
  public static Cidr parse(String s) {
    String op = "cidrParse(" + s + ")";
    int slash = s == null ? -1 : s.indexOf('/');
    if (slash < 0) {
      throw InvalidArgumentException.rejected(op, "invalid CIDR \"" + s + "\": no prefix length");
    }
    InetAddress ip = IpLiteral.parse(op, s.substring(0, slash));
    String p = s.substring(slash + 1);
    if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
      throw InvalidArgumentException.rejected(op, "invalid prefix length \"" + p + "\" in \"" + s + "\"");
    }
    int len = Integer.parseInt(p);
    if (len > maxPrefix(ip)) {
      throw InvalidArgumentException.rejected(op, "invalid prefix length " + len + " in \"" + s + "\", must be 0.." + maxPrefix(ip));
    }
    return new Cidr(ip, len);
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
