package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one netlink request: the header, a fixed family header, then attributes, nested ones
 * included. Multi-byte values go out in native order unless the method says big-endian. The
 * sequence number is left 0; the exchange stamps it when it sends.
 */
public final class MessageBuilder {

  private final ByteBuffer buf;

  /** Starts a request of {@code type} with {@code flags} (NLM_F_REQUEST is added) in {@code buf}. */
  public MessageBuilder(ByteBuffer buf, int type, int flags) {
    this.buf = buf.clear().order(ByteOrder.nativeOrder());
    buf.putInt(0); // length, patched by finish()
    buf.putShort((short) type);
    buf.putShort((short) (flags | NlConst.NLM_F_REQUEST));
    buf.putInt(0); // sequence
    buf.putInt(0); // port id: 0 addresses the kernel
  }

  /** A builder on a fresh heap buffer, for encoding without a socket (tests, fixtures). */
  public static MessageBuilder onHeap(int type, int flags) {
    return new MessageBuilder(ByteBuffer.allocate(2048), type, flags);
  }

  public MessageBuilder u8(int v) {
    buf.put((byte) v);
    return this;
  }

  public MessageBuilder u16(int v) {
    buf.putShort((short) v);
    return this;
  }

  /** A 16-bit value in network order, in a fixed header (nfgenmsg's resource id). */
  public MessageBuilder u16BigEndian(int v) {
    buf.put((byte) (v >>> 8)).put((byte) v);
    return this;
  }

  public MessageBuilder u32(int v) {
    buf.putInt(v);
    return this;
  }

  public MessageBuilder attr(int type, byte[] value) {
    buf.putShort((short) (4 + value.length)).putShort((short) type).put(value);
    pad();
    return this;
  }

  public MessageBuilder attrU8(int type, int v) {
    return attr(type, new byte[] {(byte) v});
  }

  public MessageBuilder attrU32(int type, int v) {
    buf.putShort((short) 8).putShort((short) type).putInt(v);
    return this;
  }

  public MessageBuilder attrU64(int type, long v) {
    buf.putShort((short) 12).putShort((short) type).putLong(v);
    return this;
  }

  /** A 32-bit value in network order, as nf_tables wants every number. */
  public MessageBuilder attrU32BigEndian(int type, int v) {
    return attr(type, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
  }

  /** A 16-bit value in network order, as IFLA_VXLAN_PORT wants it. */
  public MessageBuilder attrU16BigEndian(int type, int v) {
    return attr(type, new byte[] {(byte) (v >>> 8), (byte) v});
  }

  /** A NUL-terminated string, as the kernel's NLA_STRING/NLA_NUL_STRING policies accept. */
  public MessageBuilder attrString(int type, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    byte[] z = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, z, 0, bytes.length);
    return attr(type, z);
  }

  /** Opens a nested attribute; returns the mark to hand to {@link #endNest}. */
  public int beginNest(int type) {
    int mark = buf.position();
    buf.putShort((short) 0).putShort((short) type);
    return mark;
  }

  public MessageBuilder endNest(int mark) {
    buf.putShort(mark, (short) (buf.position() - mark));
    return this;
  }

  private void pad() {
    while ((buf.position() & 3) != 0) {
      buf.put((byte) 0);
    }
  }

  /** Patches the length and returns the message, positioned at 0 and limited to its length. */
  public ByteBuffer finish() {
    pad();
    buf.putInt(0, buf.position());
    return buf.flip();
  }

  /** The message bytes, for fixtures and tests. */
  public byte[] toBytes() {
    ByteBuffer b = finish();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
