package io.weft.agent.netlink;

import static io.weft.agent.netlink.wire.AddrAttr.*;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.Attributes;
import io.weft.agent.netlink.wire.IfAddrMsg;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.RtmType;
import java.nio.ByteBuffer;

/** Interface addresses to RTM_*ADDR messages and back. Pure. */
final class AddressCodec {

  private AddressCodec() {}

  static int family(IpNet c) {
    return c.isIpv4() ? Af.INET : Af.INET6;
  }

  /** RTM_NEWADDR as {@code ip addr add} sends it: IFA_LOCAL and IFA_ADDRESS both the address. */
  static ByteBuffer add(int index, IpNet c) {
    return message(RtmType.NEWADDR, NlConst.NLM_F_CREATE | NlConst.NLM_F_EXCL, index, c);
  }

  static ByteBuffer delete(int index, IpNet c) {
    return message(RtmType.DELADDR, 0, index, c);
  }

  private static ByteBuffer message(int type, int flags, int index, IpNet c) {
    MessageBuilder b = MessageBuilder.onHeap(type, flags);
    new IfAddrMsg(family(c), c.prefixLength(), 0, 0, index).write(b);
    byte[] ip = c.ip().getAddress();
    b.attr(IFA_LOCAL, ip);
    b.attr(IFA_ADDRESS, ip);
    return b.finish();
  }

  static ByteBuffer dump(int family) {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.GETADDR, 0);
    new IfAddrMsg(family, 0, 0, 0, 0).write(b);
    return b.finish();
  }

  /** The link index an RTM_NEWADDR reply belongs to. */
  static int index(NetlinkMessage m) {
    return IfAddrMsg.read(m.payload()).index();
  }

  /** The address of an RTM_NEWADDR reply (IFA_LOCAL, else IFA_ADDRESS, as iproute2 reads it). */
  static IpNet decode(NetlinkMessage m) {
    IfAddrMsg h = IfAddrMsg.read(m.payload());
    Attributes at = m.attributes(IfAddrMsg.LEN);
    byte[] ip = at.has(IFA_LOCAL) ? at.bytes(IFA_LOCAL) : at.bytes(IFA_ADDRESS);
    return new IpNet(IpLiteral.byAddress(ip), h.prefixLen());
  }
}
