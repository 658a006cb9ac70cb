package io.weft.agent.wireguard;

import io.weft.agent.netlink.IpNet;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What changes for one peer; null (or -1) fields stay as they are.
 *
 * @param remove the peer goes, with its sessions
 * @param endpoint a new endpoint, or null
 * @param allowedIps the peer's whole new list of allowed IPs, or null to keep it
 * @param keepaliveSeconds a new persistent keepalive, or -1
 * @param kick send a keepalive now (and so start a handshake when there is no session): the
 *     keepalive is turned off and on again, which both implementations answer with one
 */
public record PeerChange(WireKey key, boolean remove, InetSocketAddress endpoint, List<IpNet> allowedIps,
    int keepaliveSeconds, boolean kick) {

  public PeerChange {
    allowedIps = allowedIps == null ? null : List.copyOf(allowedIps);
  }

  public static PeerChange removal(WireKey key) {
    return new PeerChange(key, true, null, null, -1, false);
  }

  /** A keepalive now, for a peer whose keepalive is {@code keepaliveSeconds}. */
  public static PeerChange kick(WireKey key, int keepaliveSeconds) {
    return new PeerChange(key, false, null, null, keepaliveSeconds, true);
  }
}
