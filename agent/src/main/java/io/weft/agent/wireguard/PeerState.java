package io.weft.agent.wireguard;

import io.weft.agent.netlink.IpNet;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A peer as the device has it now, with its counters.
 *
 * @param endpoint where the device sends to it: as configured, or where it last heard from it
 * @param rxBytes bytes received from it, handshakes and keepalives included
 * @param txBytes bytes sent to it
 * @param lastHandshakeSeconds when the last handshake completed, seconds since the epoch, 0 never
 */
public record PeerState(WireKey key, InetSocketAddress endpoint, List<IpNet> allowedIps,
    int keepaliveSeconds, long rxBytes, long txBytes, long lastHandshakeSeconds) {

  public PeerState {
    allowedIps = List.copyOf(allowedIps);
  }
}
