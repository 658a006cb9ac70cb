package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;

/** struct rtmsg: the fixed header of route messages (12 bytes). */
public record RtMsg(int family, int dstLen, int srcLen, int tos, int table, int protocol,
    int scope, int type, int flags) {

  public static final int LEN = 12;

  public void write(MessageBuilder b) {
    b.u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
  }

  public static RtMsg read(ByteBuffer p) {
    return new RtMsg(u8(p, 0), u8(p, 1), u8(p, 2), u8(p, 3), u8(p, 4), u8(p, 5), u8(p, 6),
        u8(p, 7), p.getInt(8));
  }

  private static int u8(ByteBuffer p, int i) {
    return Byte.toUnsignedInt(p.get(i));
  }
}
