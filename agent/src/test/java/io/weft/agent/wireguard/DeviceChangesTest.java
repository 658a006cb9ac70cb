package io.weft.agent.wireguard;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.netlink.IpNet;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceChangesTest {

  private static final PrivateWireKey OWN = PrivateWireKey.fromHex("11".repeat(32));
  private static final WireKey B = WireKey.fromHex("22".repeat(32));
  private static final WireKey C = WireKey.fromHex("33".repeat(32));
  private static final WireKey D = WireKey.fromHex("44".repeat(32));
  private static final InetSocketAddress AT_B = new InetSocketAddress("172.29.0.12", 6784);

  private static PeerState present(WireKey key, InetSocketAddress endpoint, String... allowed) {
    return new PeerState(key, endpoint, List.of(allowed).stream().map(IpNet::parse).toList(), 1, 10, 10, 0);
  }

  @Test
  void aDeviceAsWantedGetsNoChangeAtAll() {
    DeviceState state = new DeviceState(OWN, 6784, List.of(present(B, AT_B, "172.29.0.12/32", "172.29.0.13/32")));
    DeviceChange change = DeviceChanges.toReach(state, OWN, 6784, List.of(
        new WirePeer(B, AT_B, List.of(IpNet.parse("172.29.0.13/32"), IpNet.parse("172.29.0.12/32")), 1)));
    assertTrue(change.isEmpty(), change.toString());
  }

  @Test
  void aNewDeviceGetsItsKeyPortAndEveryPeer() {
    DeviceChange change = DeviceChanges.toReach(DeviceState.empty(), OWN, 6784,
        List.of(new WirePeer(B, AT_B, List.of(IpNet.parse("172.29.0.12/32")), 1)));
    assertEquals(OWN, change.privateKey());
    assertEquals(6784, change.listenPort());
    assertEquals(List.of(new PeerChange(B, false, AT_B, List.of(IpNet.parse("172.29.0.12/32")), 1, false)),
        change.peers());
  }

  @Test
  void aRelayedAddressMovesToTheRelayAndAPeerNoLongerWantedGoes() {
    InetSocketAddress atC = new InetSocketAddress("172.29.0.13", 6784);
    DeviceState state = new DeviceState(OWN, 6784, List.of(
        present(B, AT_B, "172.29.0.12/32"), present(C, atC, "172.29.0.13/32"), present(D, AT_B)));
    DeviceChange change = DeviceChanges.toReach(state, OWN, 6784, List.of(
        new WirePeer(B, AT_B, List.of(IpNet.parse("172.29.0.12/32"), IpNet.parse("172.29.0.13/32")), 1),
        new WirePeer(C, atC, List.of(), 1)));
    assertNull(change.privateKey());
    assertEquals(0, change.listenPort());
    assertEquals(List.of(
        new PeerChange(B, false, null, List.of(IpNet.parse("172.29.0.12/32"), IpNet.parse("172.29.0.13/32")), -1, false),
        new PeerChange(C, false, null, List.of(), -1, false),
        PeerChange.removal(D)), change.peers());
  }
}
