package io.weft.agent.netlink;

import static io.weft.agent.netlink.wire.RouteAttr.*;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.Attributes;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.RtMsg;
import io.weft.agent.netlink.wire.RtmType;
import java.nio.ByteBuffer;

/** Routes to RTM_*ROUTE messages and back. Pure. */
final class RouteCodec {

  private RouteCodec() {}

  /** RTM_NEWROUTE (with create/replace flags) or RTM_DELROUTE for {@code r} in the main table. */
  static ByteBuffer message(int type, int flags, Route r) {
    return message(type, flags, r, RT_TABLE_MAIN);
  }

  /**
   * As {@link #message(int, int, Route)}, in routing table {@code table}: a number over 255
   * travels in RTA_TABLE, as the one-byte header field cannot hold it.
   */
  static ByteBuffer message(int type, int flags, Route r, int table) {
    MessageBuilder b = MessageBuilder.onHeap(type, flags);
    boolean del = type == RtmType.DELROUTE;
    new RtMsg(r.ipv6() ? Af.INET6 : Af.INET, r.dst() == null ? 0 : r.dst().prefixLength(), 0, 0,
        table > 255 ? RT_TABLE_COMPAT : table, del ? 0 : RTPROT_BOOT,
        del ? Scope.NOWHERE.value() : r.effectiveScope().value(), del ? 0 : RTN_UNICAST, 0).write(b);
    if (table > 255) {
      b.attrU32(RTA_TABLE, table);
    }
    if (r.dst() != null) {
      b.attr(RTA_DST, r.dst().ip().getAddress());
    }
    if (r.gateway() != null) {
      b.attr(RTA_GATEWAY, r.gateway().getAddress());
    }
    if (r.linkIndex() > 0) {
      b.attrU32(RTA_OIF, r.linkIndex());
    }
    return b.finish();
  }

  static ByteBuffer dump(int family) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.GETROUTE, 0);
    new RtMsg(family, 0, 0, 0, 0, 0, 0, 0, 0).write(b);
    return b.finish();
  }

  /** Whether an RTM_NEWROUTE reply is a unicast route of the main table. */
  static boolean isMainUnicast(NetlinkMessage m) {
    return isUnicastIn(m, RT_TABLE_MAIN);
  }

  /** Whether an RTM_NEWROUTE reply is a unicast route of routing table {@code table}. */
  static boolean isUnicastIn(NetlinkMessage m, int table) {
    RtMsg h = RtMsg.read(m.payload());
    return m.attributes(RtMsg.LEN).u32(RTA_TABLE, h.table()) == table && h.type() == RTN_UNICAST;
  }

  static Route decode(NetlinkMessage m) {
    RtMsg h = RtMsg.read(m.payload());
    Attributes at = m.attributes(RtMsg.LEN);
    byte[] dst = at.bytes(RTA_DST);
    byte[] gw = at.bytes(RTA_GATEWAY);
    boolean v6 = h.family() == Af.INET6;
    IpNet d = dst == null ? null : new IpNet(IpLiteral.byAddress(dst), h.dstLen());
    return new Route(d, gw == null ? null : IpLiteral.byAddress(gw), at.u32(RTA_OIF, 0), Scope.of(h.scope()), v6);
  }
}
