package io.weft.agent.overlay;

import io.weft.agent.alloc.Endpoint;
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
   * The endpoints of every other host the data plane carries traffic to ({@code hosts}, name to
   * underlay address, this host left out by the caller); an endpoint whose host is not among them
   * (it left, or died) has nowhere to go and is left out.
   */
  static Set<RemoteEndpoint> of(Map<String, InetAddress> hosts, List<Endpoint> endpoints) {
    Map<String, InetAddress> vtepByHost = new HashMap<>(hosts);
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
