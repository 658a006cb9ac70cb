package io.weft.agent.wireguard;

import java.util.List;

/**
 * One change of a WireGuard device, applied as one request.
 *
 * @param privateKey a new private key, or null
 * @param listenPort a new port, or 0
 * @param peers what changes for each peer that changes
 */
public record DeviceChange(PrivateWireKey privateKey, int listenPort, List<PeerChange> peers) {

  public DeviceChange {
    peers = List.copyOf(peers);
  }

  public boolean isEmpty() {
    return privateKey == null && listenPort == 0 && peers.isEmpty();
  }

  public static DeviceChange of(List<PeerChange> peers) {
    return new DeviceChange(null, 0, peers);
  }
}
