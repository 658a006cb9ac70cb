package io.weft.agent.host;

import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/** Conversions between weft's CIDRs and the netlink library's. */
final class Addresses {

  private Addresses() {}

  static io.weft.agent.netlink.IpNet toKernel(Cidr cidr) {
    return io.weft.agent.netlink.IpNet.parse(cidr.toString());
  }

  /** The IPv4 addresses among the kernel's, as weft's CIDRs. */
  static List<Cidr> ipv4(List<io.weft.agent.netlink.IpNet> kernel) {
    List<Cidr> cidrs = new ArrayList<>();
    for (io.weft.agent.netlink.IpNet c : kernel) {
      if (c.isIpv4()) {
        cidrs.add(new Cidr(io.weft.common.net.Ipv4.parse(c.ip().getHostAddress()), c.prefixLength()));
      }
    }
    return cidrs;
  }
}
