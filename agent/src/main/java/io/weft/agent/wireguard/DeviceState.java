package io.weft.agent.wireguard;

import java.util.List;
import java.util.Optional;

/**
 * A WireGuard device as it is now.
 *
 * @param privateKey its private key, null when none is set yet
 * @param listenPort its UDP port, 0 when none is set
 * @param peers its peers, with their counters
 */
public record DeviceState(PrivateWireKey privateKey, int listenPort, List<PeerState> peers) {

  public DeviceState {
    peers = List.copyOf(peers);
  }

  public static DeviceState empty() {
    return new DeviceState(null, 0, List.of());
  }

  public Optional<PeerState> peer(WireKey key) {
    return peers.stream().filter(p -> p.key().equals(key)).findFirst();
  }
}
