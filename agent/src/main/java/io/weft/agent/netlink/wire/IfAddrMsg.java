package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;

/** struct ifaddrmsg: the fixed header of address messages (8 bytes). */
public record IfAddrMsg(int family, int prefixLen, int flags, int scope, int index) {

  public static final int LEN = 8;

  public void write(MessageBuilder b) {
    b.u8(family).u8(prefixLen).u8(flags).u8(scope).u32(index);
  }

  public static IfAddrMsg read(ByteBuffer p) {
    return new IfAddrMsg(Byte.toUnsignedInt(p.get(0)), Byte.toUnsignedInt(p.get(1)),
        Byte.toUnsignedInt(p.get(2)), Byte.toUnsignedInt(p.get(3)), p.getInt(4));
  }
}
