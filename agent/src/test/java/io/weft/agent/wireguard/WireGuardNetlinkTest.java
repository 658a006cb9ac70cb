package io.weft.agent.wireguard;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.netlink.IpNet;
import io.weft.agent.netlink.wire.NetlinkMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel's WireGuard messages against recorded ones. The machines weft is built on have no
 * WireGuard in their kernel, so the recordings come from another encoder: pyroute2's {@code wgmsg}
 * (Debian's python3-pyroute2 0.7.2), given linux/wireguard.h's values, with list elements
 * numbered 0 as the kernel and {@code wg} number them (pyroute2 counts from 1; the kernel reads
 * neither). Family id 0x1b stands for whatever id the kernel gives the family.
 */
class WireGuardNetlinkTest {

  private static final int FAMILY = 0x1b;
  private static final WireKey B = WireKey.fromHex("22".repeat(32));
  private static final WireKey C = WireKey.fromHex("33".repeat(32));

  /** set: own key 0x11.., port 6784; peer 0x22.. replacing its allowed IPs; peer 0x33.. removed. */
  private static final String SET = "080100001b0001000000000000000000010100000c000200776566742d77670024000300111111111111111111"
      + "111111111111111111111111111111111111111111111106000600801a0000bc00088088000080240001002222"
      + "22222222222222222222222222222222222222222222222222222222222208000300020000001400040002001a"
      + "80ac1d000c000000000000000006000500010000003c0009801c000080060001000200000008000200ac1d000c"
      + "05000300200000001c000080060001000200000008000200ac1d000d0500030020000000300000802400010033"
      + "333333333333333333333333333333333333333333333333333333333333330800030001000000";

  /** A dump reply: device weft-wg with two peers, counters, a handshake, an IPv6 endpoint. */
  private static final String REPLY = "900100001b00020007000000921000000001000006000600801a0000080007000000000008000100090000000c"
      + "000200776566742d77670024000300111111111111111111111111111111111111111111111111111111111111"
      + "111124000400121212121212121212121212121212121212121212121212121212121212121210010880bc0001"
      + "802400010022222222222222222222222222222222222222222222222222222222222222222400020000000000"
      + "000000000000000000000000000000000000000000000000000000001400060040c33369000000000500000000"
      + "00000006000500010000000c000800141a99be1c0000000c000700cd8101000000000008000a00010000001400"
      + "040002001a80ac1d000c0000000000000000200009801c00018005000300200000000600010002000000080002"
      + "00ac1d000c50000280240001003333333333333333333333333333333333333333333333333333333333333333"
      + "0600050000000000200004000a00ca6c00000000fd00000000000000000000000000001300000000";

  /** The next message of the same dump: peer 0x33..'s allowed IPs go on. */
  private static final String REPLY_CONTINUED = "740000001b00020007000000921000000001000008000100090000000c000200776566742d7767004c00088048"
      + "000180240001003333333333333333333333333333333333333333333333333333333333333333200009801c00"
      + "01800600010002000000080002000a200000050003000c000000";

  @Test
  void aSetDeviceIsByteForByteTheRecordedOne() {
    DeviceChange change = new DeviceChange(PrivateWireKey.fromHex("11".repeat(32)), 6784, List.of(
        new PeerChange(B, false, new InetSocketAddress("172.29.0.12", 6784),
            List.of(IpNet.parse("172.29.0.12/32"), IpNet.parse("172.29.0.13/32")), 1, false),
        PeerChange.removal(C)));
    assertEquals(SET, hex(WireGuardNetlink.setDevice(FAMILY, "weft-wg", change)));
  }

  @Test
  void aDumpReplyReadsAsTheDeviceAndAPeerContinuedInTheNextMessageIsOnePeer() {
    DeviceState state = WireGuardNetlink.decode(List.of(message(REPLY), message(REPLY_CONTINUED)));
    assertEquals(PrivateWireKey.fromHex("11".repeat(32)), state.privateKey());
    assertEquals(6784, state.listenPort());
    assertEquals(2, state.peers().size());
    PeerState b = state.peer(B).orElseThrow();
    assertEquals(new InetSocketAddress("172.29.0.12", 6784), b.endpoint());
    assertEquals(List.of(IpNet.parse("172.29.0.12/32")), b.allowedIps());
    assertEquals(1, b.keepaliveSeconds());
    assertEquals(98765, b.rxBytes());
    assertEquals(123456789012L, b.txBytes());
    assertEquals(1765000000L, b.lastHandshakeSeconds());
    PeerState c = state.peer(C).orElseThrow();
    assertEquals(new InetSocketAddress("fd00::13", 51820), c.endpoint());
    assertEquals(List.of(IpNet.parse("10.32.0.0/12")), c.allowedIps());
  }

  @Test
  void aKickIsThePeerTwiceKeepaliveOffThenOn() {
    ByteBuffer set = WireGuardNetlink.setDevice(FAMILY, "weft-wg", DeviceChange.of(List.of(PeerChange.kick(B, 1))));
    String hex = hex(set);
    String peer = "2400010022222222222222222222222222222222222222222222222222222222222222220600050000000000";
    String on = "2400010022222222222222222222222222222222222222222222222222222222222222220600050001000000";
    assertTrue(hex.indexOf(peer) > 0 && hex.indexOf(on) > hex.indexOf(peer), hex);
  }

  @Test
  void theDumpRequestNamesTheDevice() {
    assertEquals("200000001b00010000000000000000000001000008000200776566742d77670000000000".substring(0, 8 + 4),
        hex(WireGuardNetlink.getDevice(FAMILY, "weft-wg")).substring(0, 12));
    assertTrue(hex(WireGuardNetlink.getDevice(FAMILY, "weft-wg")).endsWith("0c000200776566742d776700"));
  }

  private static String hex(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return HexFormat.of().formatHex(out);
  }

  private static NetlinkMessage message(String hex) {
    ByteBuffer all = ByteBuffer.wrap(HexFormat.of().parseHex(hex)).order(ByteOrder.nativeOrder());
    return NetlinkMessage.parseAll(all).get(0);
  }
}
