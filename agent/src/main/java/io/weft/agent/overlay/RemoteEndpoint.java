package io.weft.agent.overlay;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.netlink.MacAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An address on another host as the VXLAN device needs it: its MAC, and the VTEP (underlay
 * address) of the host behind which that MAC lives.
 */
record RemoteEndpoint(InetAddress ip, MacAddress mac, InetAddress vtep) {

  /**
   * The endpoints of every peer but this host ({@code selfAddress}); an endpoint whose host is
   * not a peer now (it left, or died) has nowhere to go and is left out.
   */
  static Set<RemoteEndpoint> of(List<PeerRecord> peers, List<Endpoint> endpoints, String selfAddress) {
    Map<String, InetAddress> vtepByHost = new HashMap<>();
    for (PeerRecord peer : peers) {
      if (!peer.address().equals(selfAddress)) {
        vtepByHost.put(peer.name(), inet(peer.address()));
      }
    }
    Set<RemoteEndpoint> remote = new HashSet<>();
    for (Endpoint e : endpoints) {
      InetAddress vtep = vtepByHost.get(e.host());
      if (vtep != null && isMac(e.mac())) {
        remote.add(new RemoteEndpoint(inet(e.address().toString()), MacAddress.parse(e.mac()), vtep));
      }
    }
    return remote;
  }

  private static boolean isMac(String text) {
    return text != null && text.matches("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
  }

  static InetAddress inet(String ipv4) {
    try {
      return InetAddress.getByName(ipv4);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + ipv4, e);
    }
  }
}
