package io.weft.agent.netlink;

import static io.weft.agent.netlink.wire.NeighAttr.*;

import io.weft.agent.netlink.wire.Attributes;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NdMsg;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.RtmType;
import java.nio.ByteBuffer;

/** Neighbour and FDB entries to RTM_*NEIGH messages and back. Pure. */
final class NeighbourCodec {

  private NeighbourCodec() {}

  /** RTM_NEWNEIGH (with create/replace/append flags) or RTM_DELNEIGH for {@code n}. */
  static ByteBuffer message(int type, int flags, Neighbour n) {
    MessageBuilder b = MessageBuilder.onHeap(type, flags);
    new NdMsg(n.family(), n.linkIndex(), n.state(), n.flags(), 0).write(b);
    if (n.ip() != null) {
      b.attr(NDA_DST, n.ip().getAddress());
    }
    if (n.mac() != null) {
      b.attr(NDA_LLADDR, n.mac().bytes());
    }
    return b.finish();
  }

  static ByteBuffer dump(int family) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.GETNEIGH, 0);
    new NdMsg(family, 0, 0, 0, 0).write(b);
    return b.finish();
  }

  static Neighbour decode(NetlinkMessage m) {
    NdMsg h = NdMsg.read(m.payload());
    Attributes at = m.attributes(NdMsg.LEN);
    byte[] dst = at.bytes(NDA_DST);
    byte[] mac = at.bytes(NDA_LLADDR);
    return new Neighbour(h.index(), h.family(),
        dst == null || (dst.length != 4 && dst.length != 16) ? null : IpLiteral.byAddress(dst),
        mac == null || mac.length != 6 ? null : MacAddress.of(mac), h.state(), h.flags());
  }
}
