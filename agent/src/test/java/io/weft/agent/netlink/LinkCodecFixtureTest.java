package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.netlink.wire.Hex;
import io.weft.agent.netlink.wire.NetlinkMessage;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link messages against bytes laid out by hand from linux/netlink.h, rtnetlink.h and if_link.h. */
class LinkCodecFixtureTest {

  @BeforeEach
  void littleEndian() {
    Hex.assumeLittleEndian();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void newlinkForABridge() {
    byte[] expected = Hex.bytes(
        "3c000000 1000 0106 00000000 00000000"       // nlmsghdr: len 60, RTM_NEWLINK, REQUEST|EXCL|CREATE
        + "00 00 0000 00000000 00000000 00000000"    // ifinfomsg: AF_UNSPEC, index 0, flags 0, change 0
        + "0900 0300 77656674 00 000000"             // IFLA_IFNAME "weft\0", padded
        + "1000 1200"                                // IFLA_LINKINFO, 16 bytes
        + "  0b00 0100 627269646765 00 00");         //   IFLA_INFO_KIND "bridge\0", padded
    assertEquals(Hex.of(expected), Hex.of(bytes(LinkCodec.add(Bridge.named("weft")))));
  }

  @Test
  void newlinkForAVethWhosePeerIsCreatedInAnotherNamespace() {
    byte[] expected = Hex.bytes(
        "60000000 1000 0106 00000000 00000000"
        + "00 00 0000 00000000 00000000 00000000"
        + "0700 0300 766100 00"                      // IFLA_IFNAME "va\0"
        + "3800 1200"                                // IFLA_LINKINFO, 56 bytes
        + "  0900 0100 76657468 00 000000"           //   IFLA_INFO_KIND "veth\0"
        + "  2800 0200"                              //   IFLA_INFO_DATA, 40 bytes
        + "    2400 0100"                            //     VETH_INFO_PEER, 36 bytes
        + "      00 00 0000 00000000 00000000 00000000" // the peer's ifinfomsg
        + "      0700 0300 766200 00"                //       IFLA_IFNAME "vb\0"
        + "      0800 1c00 07000000");               //       IFLA_NET_NS_FD 7
    Veth veth = Veth.pair("va", "vb").withPeerIn(NsTarget.fd(7));
    assertEquals(Hex.of(expected), Hex.of(bytes(LinkCodec.add(veth))));
  }

  @Test
  void newlinkForAVethCarriesThePeersMtuAndMacInsideItsNest() {
    byte[] expected = Hex.bytes(
        "78000000 1000 0106 00000000 00000000"
        + "00 00 0000 00000000 00000000 00000000"
        + "0700 0300 766100 00"                      // IFLA_IFNAME "va\0"
        + "5000 1200"                                // IFLA_LINKINFO, 80 bytes
        + "  0900 0100 76657468 00 000000"           //   IFLA_INFO_KIND "veth\0"
        + "  4000 0200"                              //   IFLA_INFO_DATA, 64 bytes
        + "    3c00 0100"                            //     VETH_INFO_PEER, 60 bytes
        + "      00 00 0000 00000000 00000000 00000000" // the peer's ifinfomsg
        + "      0a00 0300 6574687765 00 0000"       //       IFLA_IFNAME "ethwe\0"
        + "      0800 0400 82050000"                 //       IFLA_MTU 1410
        + "      0a00 0100 0242 0a200007 0000"       //       IFLA_ADDRESS 02:42:0a:20:00:07
        + "      0800 1c00 07000000");               //       IFLA_NET_NS_FD 7
    Veth veth = Veth.pair("va", "ethwe")
        .withPeer(LinkAttrs.named("ethwe").withMtu(1410).withMac(MacAddress.parse("02:42:0a:20:00:07")))
        .withPeerIn(NsTarget.fd(7));
    assertEquals(Hex.of(expected), Hex.of(bytes(LinkCodec.add(veth))));
  }

  @Test
  void vxlanPortGoesOutBigEndianAndLearningAndProxyAsBytes() {
    Vxlan vx = Vxlan.of("vx0", 42).withLocal((Inet4Address) IpNet.parseIp("10.99.0.1")).withUnderlay(2).withProxy(true);
    String hex = Hex.of(bytes(LinkCodec.add(vx)));
    assertTrue(hex.contains("08 00 01 00 2a 00 00 00"), hex);   // IFLA_VXLAN_ID 42
    assertTrue(hex.contains("08 00 04 00 0a 63 00 01"), hex);   // IFLA_VXLAN_LOCAL 10.99.0.1
    assertTrue(hex.contains("08 00 03 00 02 00 00 00"), hex);   // IFLA_VXLAN_LINK 2
    assertTrue(hex.contains("06 00 0f 00 12 b5 00 00"), hex);   // IFLA_VXLAN_PORT 4789, big-endian
    assertTrue(hex.contains("05 00 07 00 00 00 00 00"), hex);   // IFLA_VXLAN_LEARNING 0
    assertTrue(hex.contains("05 00 0b 00 01 00 00 00"), hex);   // IFLA_VXLAN_PROXY 1
  }

  @Test
  void decodesAVxlanLinkReply() {
    byte[] reply = Hex.bytes(
        "80000000 1000 0000 01000000 00000000"        // RTM_NEWLINK, 128 bytes
        + "00 00 0100 05000000 01000000 00000000"     // ARPHRD_ETHER, index 5, IFF_UP
        + "0800 0300 76783000"                        // IFLA_IFNAME "vx0\0"
        + "0800 0400 aa050000"                        // IFLA_MTU 1450
        + "0a00 0100 020000000001 0000"               // IFLA_ADDRESS 02:00:00:00:00:01
        + "0800 0a00 03000000"                        // IFLA_MASTER 3
        + "3c00 1200"                                 // IFLA_LINKINFO, 60 bytes
        + "  0a00 0100 7678 6c61 6e00 0000"           //   IFLA_INFO_KIND "vxlan\0"
        + "  2c00 0200"                               //   IFLA_INFO_DATA, 44 bytes
        + "    0800 0100 2a000000"                    //     IFLA_VXLAN_ID 42
        + "    0800 0400 0a630001"                    //     IFLA_VXLAN_LOCAL 10.99.0.1
        + "    0800 0300 02000000"                    //     IFLA_VXLAN_LINK 2
        + "    0600 0f00 12b5 0000"                   //     IFLA_VXLAN_PORT 4789
        + "    0500 0700 00 000000");                 //     IFLA_VXLAN_LEARNING 0
    List<NetlinkMessage> ms = NetlinkMessage.parseAll(ByteBuffer.wrap(reply));
    assertEquals(1, ms.size());
    Vxlan vx = assertInstanceOf(Vxlan.class, LinkCodec.decode(ms.get(0)));
    assertEquals("vx0", vx.name());
    assertEquals(5, vx.index());
    assertEquals(1450, vx.attrs().mtu());
    assertTrue(vx.attrs().up());
    assertEquals(3, vx.attrs().masterIndex());
    assertEquals(MacAddress.parse("02:00:00:00:00:01"), vx.attrs().mac());
    assertEquals(42, vx.vni());
    assertEquals(IpNet.parseIp("10.99.0.1"), vx.local());
    assertEquals(2, vx.underlayIndex());
    assertEquals(4789, vx.port());
    assertFalse(vx.learning());
    assertFalse(vx.proxy());
  }
}
