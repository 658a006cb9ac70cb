package io.weft.agent.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.netlink.MacAddress;
import io.weft.common.net.Ipv4;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteEndpointTest {

  /** The other hosts host1's data plane carries traffic to. */
  private static final Map<String, InetAddress> PEERS = Map.of(
      "host2", RemoteEndpoint.inet("172.29.0.12"), "host3", RemoteEndpoint.inet("172.29.0.13"));

  @Test
  void eachAddressOfAnotherHostGoesToThatHostsVtep() {
    Set<RemoteEndpoint> remote = RemoteEndpoint.of(PEERS, List.of(
        endpoint("10.32.0.1", "host1", "02:00:00:00:00:01"),
        endpoint("10.32.0.2", "host2", "02:00:00:00:00:02"),
        endpoint("10.32.0.3", "host3", "02:00:00:00:00:03")));
    assertEquals(Set.of(
        remote("10.32.0.2", "02:00:00:00:00:02", "172.29.0.12"),
        remote("10.32.0.3", "02:00:00:00:00:03", "172.29.0.13")), remote);
  }

  @Test
  void addressesOfHostsTheDataPlaneDoesNotReachAndUnreadableMacsAreLeftOut() {
    Set<RemoteEndpoint> remote = RemoteEndpoint.of(PEERS, List.of(
        endpoint("10.32.0.4", "host4", "02:00:00:00:00:04"),
        endpoint("10.32.0.5", "host2", "not a mac"),
        endpoint("10.32.0.6", "host2", "02:00:00:00:00:06")));
    assertEquals(Set.of(remote("10.32.0.6", "02:00:00:00:00:06", "172.29.0.12")), remote);
  }

  @Test
  void twoAddressesOfOneContainerShareItsMac() {
    Set<RemoteEndpoint> remote = RemoteEndpoint.of(PEERS, List.of(
        endpoint("10.32.0.7", "host3", "02:00:00:00:00:07"),
        endpoint("10.40.0.7", "host3", "02:00:00:00:00:07")));
    assertEquals(2, remote.size());
    assertEquals(1, remote.stream().map(RemoteEndpoint::mac).distinct().count());
  }

  private static Endpoint endpoint(String ip, String host, String mac) {
    return new Endpoint(Ipv4.parse(ip), host, mac);
  }

  private static RemoteEndpoint remote(String ip, String mac, String vtep) {
    return new RemoteEndpoint(RemoteEndpoint.inet(ip), MacAddress.parse(mac), RemoteEndpoint.inet(vtep));
  }
}
