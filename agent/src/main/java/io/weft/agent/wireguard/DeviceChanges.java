package io.weft.agent.wireguard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest change that takes a device from what it has to what is wanted. Only what differs
 * is sent: setting a port again makes wireguard-go bind its socket anew, and replacing every peer
 * would drop every session, either of which would stop the traffic for a moment.
 */
public final class DeviceChanges {

  private DeviceChanges() {}

  public static DeviceChange toReach(DeviceState present, PrivateWireKey key, int listenPort,
      Collection<WirePeer> wanted) {
    List<PeerChange> peers = new ArrayList<>();
    Set<WireKey> wantedKeys = new HashSet<>();
    for (WirePeer peer : wanted) {
      wantedKeys.add(peer.key());
      Optional<PeerState> now = present.peer(peer.key());
      if (now.isEmpty()) {
        peers.add(new PeerChange(peer.key(), false, peer.endpoint(), peer.allowedIps(),
            peer.keepaliveSeconds(), false));
        continue;
      }
      PeerState p = now.get();
      boolean endpoint = !peer.endpoint().equals(p.endpoint());
      boolean allowed = !peer.allowedSet().equals(Set.copyOf(p.allowedIps()));
      boolean keepalive = peer.keepaliveSeconds() != p.keepaliveSeconds();
      if (endpoint || allowed || keepalive) {
        peers.add(new PeerChange(peer.key(), false, endpoint ? peer.endpoint() : null,
            allowed ? peer.allowedIps() : null, keepalive ? peer.keepaliveSeconds() : -1, false));
      }
    }
    for (PeerState p : present.peers()) {
      if (!wantedKeys.contains(p.key())) {
        peers.add(PeerChange.removal(p.key()));
      }
    }
    return new DeviceChange(key.equals(present.privateKey()) ? null : key,
        listenPort == present.listenPort() ? 0 : listenPort, peers);
  }
}
