package io.weft.agent.host;

import io.weft.agent.netlink.ArpCacheParameters;
import io.weft.agent.netlink.Ipv4Setting;
import io.weft.agent.netlink.Netlink;
import java.util.Map;

/**
 * The ARP settings of a container's interface, Weave's: announce the addresses when the link
 * comes up (arp_notify: a gratuitous ARP, so neighbours replace a stale entry at once), and let
 * cache entries go stale quickly (reachable 5 s, first probe after 2 s, one unicast probe), so
 * a peer that comes back with a new MAC is found again within seconds. Set through rtnetlink:
 * the agent's /proc/sys is read-only in its container.
 */
final class ArpTuning {

  static final ArpCacheParameters CACHE = new ArpCacheParameters(5_000, 2_000, 1);

  private ArpTuning() {}

  static void apply(Netlink container, String iface) {
    container.links().setIpv4(iface, Map.of(Ipv4Setting.ARP_NOTIFY, 1));
    container.neighbours().setArpCache(iface, CACHE);
  }
}
