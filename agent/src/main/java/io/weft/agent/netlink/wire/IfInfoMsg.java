package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;

/** struct ifinfomsg: the fixed header of link messages (16 bytes). */
public record IfInfoMsg(int family, int type, int index, int flags, int change) {

  public static final int LEN = 16;

  public static IfInfoMsg of(int index) {
    return new IfInfoMsg(Af.UNSPEC, 0, index, 0, 0);
  }

  public void write(MessageBuilder b) {
    b.u8(family).u8(0).u16(type).u32(index).u32(flags).u32(change);
  }

  public static IfInfoMsg read(ByteBuffer p) {
    return new IfInfoMsg(Byte.toUnsignedInt(p.get(0)), Short.toUnsignedInt(p.getShort(2)),
        p.getInt(4), p.getInt(8), p.getInt(12));
  }
}
