package io.weft.agent.netlink;

import static io.weft.agent.netlink.wire.RuleAttr.*;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.Attributes;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NetlinkMessage;
import java.nio.ByteBuffer;

/** Rules to RTM_*RULE messages and back. Pure. */
final class RuleCodec {

  private RuleCodec() {}

  /** RTM_NEWRULE (with create flags) or RTM_DELRULE for {@code r}, IPv4. */
  static ByteBuffer message(int type, int flags, Rule r) {
    MessageBuilder b = MessageBuilder.onHeap(type, flags);
    header(b, r.table() > 255 ? 0 : r.table(), FR_ACT_TO_TBL);
    b.attrU32(FRA_PRIORITY, r.priority());
    b.attrU32(FRA_TABLE, r.table());
    if (type == NEWRULE) {
      b.attrU8(FRA_PROTOCOL, RTPROT_STATIC);
    }
    if (r.iif() != null) {
      b.attrString(FRA_IIFNAME, r.iif());
    }
    if (r.ipProto() != 0) {
      b.attrU8(FRA_IP_PROTO, r.ipProto());
    }
    if (r.sport() != 0) {
      b.attr(FRA_SPORT_RANGE, portRange(r.sport()));
    }
    if (r.dport() != 0) {
      b.attr(FRA_DPORT_RANGE, portRange(r.dport()));
    }
    return b.finish();
  }

  static ByteBuffer dump() {
    MessageBuilder b = MessageBuilder.onHeap(GETRULE, 0);
    header(b, 0, 0);
    return b.finish();
  }

  private static void header(MessageBuilder b, int table, int action) {
    b.u8(Af.INET).u8(0).u8(0).u8(0).u8(table).u8(0).u8(0).u8(action).u32(0);
  }

  /** struct fib_rule_port_range: start and end, native order; one port is a range of one. */
  private static byte[] portRange(int port) {
    ByteBuffer range = ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder());
    range.putShort((short) port).putShort((short) port);
    return range.array();
  }

  /** An RTM_NEWRULE reply as a rule, or null when it is not one {@link Rule} can say (a range, a mark). */
  static Rule decode(NetlinkMessage m) {
    ByteBuffer p = m.payload();
    if (Byte.toUnsignedInt(p.get(7)) != FR_ACT_TO_TBL || p.get(1) != 0 || p.get(2) != 0) {
      return null;
    }
    Attributes at = m.attributes(HEADER_LEN);
    if (at.has(FRA_FWMARK)) {
      return null;
    }
    int sport = singlePort(at.bytes(FRA_SPORT_RANGE));
    int dport = singlePort(at.bytes(FRA_DPORT_RANGE));
    if (sport < 0 || dport < 0) {
      return null;
    }
    int table = at.u32(FRA_TABLE, Byte.toUnsignedInt(p.get(4)));
    return new Rule(at.u32(FRA_PRIORITY, 0), table, at.u8(FRA_IP_PROTO, 0), sport, dport,
        at.string(FRA_IIFNAME));
  }

  private static int singlePort(byte[] range) {
    if (range == null) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.wrap(range).order(java.nio.ByteOrder.nativeOrder());
    int start = Short.toUnsignedInt(b.getShort(0));
    return start == Short.toUnsignedInt(b.getShort(2)) ? start : -1;
  }
}
