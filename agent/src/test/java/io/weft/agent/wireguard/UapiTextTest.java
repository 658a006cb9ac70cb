package io.weft.agent.wireguard;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.netlink.IpNet;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class UapiTextTest {

  private static final WireKey PEER = WireKey.fromHex("22".repeat(32));
  private static final WireKey GONE = WireKey.fromHex("33".repeat(32));
  private static final PrivateWireKey OWN = PrivateWireKey.fromHex("11".repeat(32));

  @Test
  void aSetNamesOnlyWhatChangesPeerByPeerAndEndsWithABlankLine() {
    String set = UapiText.set(new DeviceChange(OWN, 6784, List.of(
        new PeerChange(PEER, false, new InetSocketAddress("172.29.0.12", 6784),
            List.of(IpNet.parse("172.29.0.12/32"), IpNet.parse("172.29.0.13/32")), 1, false),
        PeerChange.kick(PEER, 1),
        PeerChange.removal(GONE))));
    assertEquals("""
        set=1
        private_key=%s
        listen_port=6784
        public_key=%s
        endpoint=172.29.0.12:6784
        persistent_keepalive_interval=1
        replace_allowed_ips=true
        allowed_ip=172.29.0.12/32
        allowed_ip=172.29.0.13/32
        public_key=%s
        persistent_keepalive_interval=0
        persistent_keepalive_interval=1
        public_key=%s
        remove=true

        """.formatted("11".repeat(32), "22".repeat(32), "22".repeat(32), "33".repeat(32)), set);
  }

  @Test
  void aGetAnswerReadsAsTheDeviceWithEachPeersCounters() {
    // as wireguard-go 0.0.20220316 answers get=1 (keys shortened to repeated bytes)
    DeviceState state = UapiText.parseGet("""
        private_key=%s
        listen_port=6784
        public_key=%s
        preshared_key=0000000000000000000000000000000000000000000000000000000000000000
        protocol_version=1
        endpoint=172.29.0.12:6784
        last_handshake_time_sec=1765000000
        last_handshake_time_nsec=5
        tx_bytes=336
        rx_bytes=244
        persistent_keepalive_interval=1
        allowed_ip=172.29.0.12/32
        public_key=%s
        protocol_version=1
        endpoint=[fd00::13]:51820
        last_handshake_time_sec=0
        last_handshake_time_nsec=0
        tx_bytes=0
        rx_bytes=0
        persistent_keepalive_interval=0
        errno=0

        """.formatted("11".repeat(32), "22".repeat(32), "33".repeat(32)));
    assertEquals(OWN, state.privateKey());
    assertEquals(6784, state.listenPort());
    assertEquals(2, state.peers().size());
    PeerState p = state.peer(PEER).orElseThrow();
    assertEquals(new InetSocketAddress("172.29.0.12", 6784), p.endpoint());
    assertEquals(List.of(IpNet.parse("172.29.0.12/32")), p.allowedIps());
    assertEquals(244, p.rxBytes());
    assertEquals(336, p.txBytes());
    assertEquals(1, p.keepaliveSeconds());
    assertEquals(1765000000L, p.lastHandshakeSeconds());
    PeerState q = state.peer(GONE).orElseThrow();
    assertEquals(new InetSocketAddress("fd00::13", 51820), q.endpoint());
    assertTrue(q.allowedIps().isEmpty());
  }

  @Test
  void aRefusalOrAnAnswerWithoutErrnoIsAnError() {
    UapiException refused = assertThrows(UapiException.class, () -> UapiText.parseGet("errno=-22\n\n"));
    assertTrue(refused.getMessage().contains("errno -22"), refused.getMessage());
    assertThrows(UapiException.class, () -> UapiText.parseGet("listen_port=1\n\n"));
    UapiText.checkErrno("errno=0\n\n", "set");
  }
}
