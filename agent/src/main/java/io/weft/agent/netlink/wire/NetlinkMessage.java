package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One received netlink message: its header fields and its payload (everything after the 16-byte
 * header), as an independent copy so it outlives the receive buffer.
 */
public record NetlinkMessage(int type, int flags, int seq, int pid, ByteBuffer payload) {

  /** Splits what one recv returned into messages; a truncated tail is an error. */
  public static List<NetlinkMessage> parseAll(ByteBuffer received) {
    ByteBuffer b = received.duplicate().order(ByteOrder.nativeOrder());
    List<NetlinkMessage> out = new ArrayList<>();
    while (b.remaining() >= NlConst.NLMSG_HDRLEN) {
      int start = b.position();
      int len = b.getInt(start);
      if (len < NlConst.NLMSG_HDRLEN || len > b.remaining()) {
        throw new IllegalStateException("malformed netlink message: length " + len
            + " with " + b.remaining() + " bytes left");
      }
      int type = Short.toUnsignedInt(b.getShort(start + 4));
      int flags = Short.toUnsignedInt(b.getShort(start + 6));
      int seq = b.getInt(start + 8);
      int pid = b.getInt(start + 12);
      ByteBuffer payload = ByteBuffer.allocate(len - NlConst.NLMSG_HDRLEN).order(ByteOrder.nativeOrder());
      payload.put(b.slice(start + NlConst.NLMSG_HDRLEN, len - NlConst.NLMSG_HDRLEN)).flip();
      out.add(new NetlinkMessage(type, flags, seq, pid, payload));
      b.position(Math.min(b.limit(), start + NlConst.align(len)));
    }
    return out;
  }

  /** The attributes that follow a fixed family header of {@code headerLen} bytes. */
  public Attributes attributes(int headerLen) {
    return Attributes.parse(payload, headerLen, payload.limit());
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }
}
