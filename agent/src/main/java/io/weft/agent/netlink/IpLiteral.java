package io.weft.agent.netlink;

import io.weft.common.WeftException;
import io.weft.common.net.Ipv4;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals and nothing else: never a name lookup, so a typo cannot turn into
 * DNS traffic.
 */
final class IpLiteral {

  private IpLiteral() {}

  static InetAddress parse(String op, String s) {
    InetAddress a = s == null ? null : s.indexOf(':') >= 0 ? v6(s) : v4(s);
    if (a == null) {
      throw InvalidArgumentException.rejected(op, "invalid IP address \"" + s + "\"");
    }
    return a;
  }

  /** By weft's one rule for dotted quads ({@link Ipv4#parse}): four parts 0..255, no leading zeros. */
  private static InetAddress v4(String s) {
    try {
      return byAddress(Ipv4.parse(s).toBytes());
    } catch (WeftException e) {
      return null;
    }
  }

  private static InetAddress v6(String s) {
    if (s.indexOf('%') >= 0 || s.indexOf('[') >= 0) {
      return null;
    }
    try {
      // Brackets make the JDK treat it as a literal only: an invalid one fails, nothing is looked up.
      InetAddress a = InetAddress.getByName("[" + s + "]");
      return a instanceof Inet6Address ? a : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static InetAddress byAddress(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + b.length + " bytes", e);
    }
  }
}
