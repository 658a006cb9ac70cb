package io.weft.agent.netlink;

/**
 * A link's ARP cache timing, the {@code net.ipv4.neigh.IFACE.*} sysctls that matter when peers
 * come and go: how long an entry stays reachable, how long before a stale one is probed, and
 * how many unicast probes are sent before it is dropped.
 */
public record ArpCacheParameters(long baseReachableMillis, long delayFirstProbeMillis, int unicastProbes) {

  public ArpCacheParameters {
    if (baseReachableMillis <= 0 || delayFirstProbeMillis <= 0 || unicastProbes < 0) {
      throw new IllegalArgumentException("ARP cache parameters must be positive");
    }
  }
}
