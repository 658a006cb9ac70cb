package io.weft.agent.netlink;

import static io.weft.agent.netlink.wire.LinkAttr.*;

import io.weft.agent.netlink.wire.Attributes;
import io.weft.agent.netlink.wire.IfInfoMsg;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.RtmType;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Link objects to RTM_*LINK messages and back. Pure: no I/O, so fixtures can test it. */
final class LinkCodec {

  private LinkCodec() {}

  /** RTM_NEWLINK that creates {@code link}, failing if the name is taken. */
  static ByteBuffer add(Link link) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.NEWLINK, NlConst.NLM_F_CREATE | NlConst.NLM_F_EXCL);
    LinkAttrs a = link.attrs();
    new IfInfoMsg(0, 0, 0, a.up() ? IFF_UP : 0, a.up() ? IFF_UP : 0).write(b);
    common(b, a);
    int info = b.beginNest(IFLA_LINKINFO);
    b.attrString(IFLA_INFO_KIND, link.kind());
    if (link instanceof Veth v) {
      int data = b.beginNest(IFLA_INFO_DATA);
      int peer = b.beginNest(VETH_INFO_PEER);
      IfInfoMsg.of(0).write(b); // the peer's own ifinfomsg comes first inside the nest
      common(b, v.peer());
      if (v.peerNamespace() != null) {
        target(b, v.peerNamespace());
      }
      b.endNest(peer);
      b.endNest(data);
    } else if (link instanceof Vxlan x) {
      int data = b.beginNest(IFLA_INFO_DATA);
      b.attrU32(IFLA_VXLAN_ID, x.vni());
      if (x.local() != null) {
        b.attr(IFLA_VXLAN_LOCAL, x.local().getAddress());
      }
      if (x.underlayIndex() > 0) {
        b.attrU32(IFLA_VXLAN_LINK, x.underlayIndex());
      }
      b.attrU16BigEndian(IFLA_VXLAN_PORT, x.port());
      b.attrU8(IFLA_VXLAN_LEARNING, x.learning() ? 1 : 0);
      b.attrU8(IFLA_VXLAN_PROXY, x.proxy() ? 1 : 0);
      b.endNest(data);
    }
    b.endNest(info);
    return b.finish();
  }

  private static void common(MessageBuilder b, LinkAttrs a) {
    b.attrString(IFLA_IFNAME, a.name());
    if (a.mtu() > 0) {
      b.attrU32(IFLA_MTU, a.mtu());
    }
    if (a.mac() != null) {
      b.attr(IFLA_ADDRESS, a.mac().bytes());
    }
    if (a.masterIndex() > 0) {
      b.attrU32(IFLA_MASTER, a.masterIndex());
    }
  }

  static void target(MessageBuilder b, NsTarget t) {
    b.attrU32(t.kind() == NsTarget.Kind.PID ? IFLA_NET_NS_PID : IFLA_NET_NS_FD, t.value());
  }

  /** RTM_SETLINK on link {@code index}: flags/change for IFF_UP, then what {@code attrs} adds. */
  static ByteBuffer set(int index, int flags, int change, Consumer<MessageBuilder> attrs) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.SETLINK, 0);
    new IfInfoMsg(0, 0, index, flags, change).write(b);
    attrs.accept(b);
    return b.finish();
  }

  /** RTM_SETLINK on the link named {@code name} (the kernel looks it up by IFLA_IFNAME). */
  static ByteBuffer setByName(String name, int flags, int change, Consumer<MessageBuilder> attrs) {
    return set(0, flags, change, b -> {
      b.attrString(IFLA_IFNAME, name);
      attrs.accept(b);
    });
  }

  static ByteBuffer get(String name) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.GETLINK, 0);
    IfInfoMsg.of(0).write(b);
    b.attrString(IFLA_IFNAME, name);
    b.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    return b.finish();
  }

  static ByteBuffer get(int index) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.GETLINK, 0);
    IfInfoMsg.of(index).write(b);
    b.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    return b.finish();
  }

  static ByteBuffer dump() {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.GETLINK, 0);
    IfInfoMsg.of(0).write(b);
    b.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    return b.finish();
  }

  static ByteBuffer delete(String name) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.DELLINK, 0);
    IfInfoMsg.of(0).write(b);
    b.attrString(IFLA_IFNAME, name);
    return b.finish();
  }

  /** An RTM_NEWLINK reply as the typed link of its kind. */
  static Link decode(NetlinkMessage m) {
    IfInfoMsg h = IfInfoMsg.read(m.payload());
    Attributes at = m.attributes(IfInfoMsg.LEN);
    byte[] mac = at.bytes(IFLA_ADDRESS);
    LinkAttrs a = new LinkAttrs(h.index(), at.string(IFLA_IFNAME), at.u32(IFLA_MTU, 0),
        mac != null && mac.length == 6 ? MacAddress.of(mac) : null, (h.flags() & IFF_UP) != 0,
        at.u32(IFLA_MASTER, 0), at.u8(IFLA_OPERSTATE, 0));
    Attributes info = at.nested(IFLA_LINKINFO);
    String kind = info.string(IFLA_INFO_KIND);
    if ("bridge".equals(kind)) {
      return new Bridge(a);
    }
    if ("veth".equals(kind)) {
      return new Veth(a, null, null);
    }
    if ("vxlan".equals(kind)) {
      Attributes d = info.nested(IFLA_INFO_DATA);
      byte[] local = d.bytes(IFLA_VXLAN_LOCAL);
      return new Vxlan(a, d.u32(IFLA_VXLAN_ID, 0),
          local != null && local.length == 4 ? (Inet4Address) IpLiteral.byAddress(local) : null,
          d.u32(IFLA_VXLAN_LINK, 0), d.u16BigEndian(IFLA_VXLAN_PORT, 0),
          d.u8(IFLA_VXLAN_LEARNING, 0) != 0, d.u8(IFLA_VXLAN_PROXY, 0) != 0);
    }
    return new Device(a, kind);
  }
}
