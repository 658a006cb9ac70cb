package io.weft.agent.wireguard;

import io.weft.agent.netlink.IpNet;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * A peer as this host wants it in its WireGuard device.
 *
 * @param key the peer's public key
 * @param endpoint where its WireGuard listens: its underlay address and port
 * @param allowedIps the addresses whose packets go to it and may come from it
 * @param keepaliveSeconds persistent keepalive, 0 for none
 */
public record WirePeer(WireKey key, InetSocketAddress endpoint, List<IpNet> allowedIps, int keepaliveSeconds) {

  public WirePeer {
    allowedIps = List.copyOf(allowedIps);
    if (keepaliveSeconds < 0 || keepaliveSeconds > 0xffff) {
      throw new IllegalArgumentException("keepalive " + keepaliveSeconds + " s is out of 0..65535");
    }
  }

  Set<IpNet> allowedSet() {
    return Set.copyOf(allowedIps);
  }
}
