package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;

/** struct ndmsg: the fixed header of neighbour messages (12 bytes). */
public record NdMsg(int family, int index, int state, int flags, int type) {

  public static final int LEN = 12;

  public void write(MessageBuilder b) {
    b.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(type);
  }

  public static NdMsg read(ByteBuffer p) {
    return new NdMsg(Byte.toUnsignedInt(p.get(0)), p.getInt(4), Short.toUnsignedInt(p.getShort(8)),
        Byte.toUnsignedInt(p.get(10)), Byte.toUnsignedInt(p.get(11)));
  }
}
