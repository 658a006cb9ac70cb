package io.weft.agent.host;

import io.weft.agent.netlink.ArpCacheParameters;
import io.weft.agent.netlink.Ipv4Setting;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.Netlink;
import java.util.Map;

/**
 * The ARP settings of a container's interface, Weave's: announce the addresses when the link
 * comes up (arp_notify: a gratuitous ARP, so neighbours on the same host replace a stale entry at
 * once), and let cache entries go stale quickly (reachable 2 s, first probe after 1 s, one
 * unicast probe), so a peer on another host that comes back with a new MAC is found again within
 * a second or two: the VXLAN device answers ARP itself ({@code proxy}), so a gratuitous ARP never
 * crosses the fleet, and neither do these probes, which makes them cheap. Set through
 * rtnetlink: the agent's /proc/sys is read-only in its container.
 */
final class ArpTuning {

  static final ArpCacheParameters CACHE = new ArpCacheParameters(2_000, 1_000, 1);

  private ArpTuning() {}

  static void apply(Netlink container, String iface) {
    apply(container, container.links().get(iface));
  }

  static void apply(Netlink container, Link link) {
    container.links().setIpv4(link.name(), Map.of(Ipv4Setting.ARP_NOTIFY, 1));
    container.neighbours().setArpCache(link.index(), CACHE);
  }
}
