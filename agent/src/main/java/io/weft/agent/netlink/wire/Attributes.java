package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The attributes of one message or nest, by type (nested/byte-order bits masked off). */
public final class Attributes {

  private final Map<Integer, ByteBuffer> byType;

  private Attributes(Map<Integer, ByteBuffer> byType) {
    this.byType = byType;
  }

  /** Parses the TLVs in {@code buf} between {@code from} and {@code to}; a later duplicate wins. */
  public static Attributes parse(ByteBuffer buf, int from, int to) {
    Map<Integer, ByteBuffer> map = new HashMap<>();
    int pos = from;
    while (pos + 4 <= to) {
      int len = Short.toUnsignedInt(buf.getShort(pos));
      int type = Short.toUnsignedInt(buf.getShort(pos + 2)) & NlConst.NLA_TYPE_MASK;
      if (len < 4 || pos + len > to) {
        break; // the kernel never sends this; stop rather than read garbage
      }
      map.put(type, buf.slice(pos + 4, len - 4).order(ByteOrder.nativeOrder()));
      pos += NlConst.align(len);
    }
    return new Attributes(map);
  }

  public boolean has(int type) {
    return byType.containsKey(type);
  }

  public byte[] bytes(int type) {
    ByteBuffer v = byType.get(type);
    if (v == null) {
      return null;
    }
    byte[] out = new byte[v.remaining()];
    v.duplicate().get(out);
    return out;
  }

  public int u8(int type, int absent) {
    ByteBuffer v = byType.get(type);
    return v == null || v.remaining() < 1 ? absent : Byte.toUnsignedInt(v.get(0));
  }

  public int u32(int type, int absent) {
    ByteBuffer v = byType.get(type);
    return v == null || v.remaining() < 4 ? absent : v.getInt(0);
  }

  public int u16(int type, int absent) {
    ByteBuffer v = byType.get(type);
    return v == null || v.remaining() < 2 ? absent : Short.toUnsignedInt(v.getShort(0));
  }

  public long u64(int type, long absent) {
    ByteBuffer v = byType.get(type);
    return v == null || v.remaining() < 8 ? absent : v.getLong(0);
  }

  /**
   * The attributes nested inside {@code type} that form a list (each element's type is its
   * index, or 0 for all, as WireGuard's peers and allowed IPs come), each element's own
   * attributes in order; empty when absent.
   */
  public java.util.List<Attributes> list(int type) {
    ByteBuffer v = byType.get(type);
    java.util.List<Attributes> elements = new java.util.ArrayList<>();
    if (v == null) {
      return elements;
    }
    int pos = 0;
    while (pos + 4 <= v.limit()) {
      int len = Short.toUnsignedInt(v.getShort(pos));
      if (len < 4 || pos + len > v.limit()) {
        break;
      }
      elements.add(parse(v, pos + 4, pos + len));
      pos += NlConst.align(len);
    }
    return elements;
  }

  public int u16BigEndian(int type, int absent) {
    ByteBuffer v = byType.get(type);
    return v == null || v.remaining() < 2 ? absent : Short.toUnsignedInt(v.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(0));
  }

  /** A string attribute without its terminating NUL. */
  public String string(int type) {
    byte[] b = bytes(type);
    if (b == null) {
      return null;
    }
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  /** The attributes nested inside {@code type}, empty when absent. */
  public Attributes nested(int type) {
    return nestedAt(type, 0);
  }

  /** The attributes nested inside {@code type} after a fixed header of {@code skip} bytes. */
  public Attributes nestedAt(int type, int skip) {
    ByteBuffer v = byType.get(type);
    if (v == null || v.remaining() < skip) {
      return new Attributes(Map.of());
    }
    return parse(v, skip, v.limit());
  }
}
