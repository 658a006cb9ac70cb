package io.weft.agent.stream;

import io.vertx.core.buffer.Buffer;

/**
 * A stream of frames, each after its big-endian length (two bytes for DNS over TCP, four for the
 * bus bridge): gathers a connection's bytes and hands out each whole frame when asked, so that
 * the reader decides when to take the next (a connection whose frames are not read is not read
 * either). A length out of bounds breaks the stream before more than one frame is ever held.
 */
public final class LengthPrefixedFrames {

  /** The stream broke its framing: the conversation is over. */
  public static final class Broken extends Exception {
    public Broken(String message) {
      super(message, null, false, false);
    }
  }

  private final int prefixBytes;
  private final int minLength;
  private final int maxLength;
  private Buffer pending = Buffer.buffer();
  private int offset;

  /**
   * @param prefixBytes the width of each frame's length, 2 or 4
   * @param minLength the shortest frame the stream may carry, its length prefix left out
   * @param maxLength the longest, its length prefix left out
   */
  public LengthPrefixedFrames(int prefixBytes, int minLength, int maxLength) {
    checkWidth(prefixBytes);
    if (minLength < 1 || maxLength < minLength || maxLength > largest(prefixBytes)) {
      throw new IllegalArgumentException("frames of " + minLength + " to " + maxLength + " bytes");
    }
    this.prefixBytes = prefixBytes;
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  /** Takes what arrived; {@link #next} then hands the whole frames out. */
  public void received(Buffer bytes) {
    if (offset > 0) {
      pending = pending.getBuffer(offset, pending.length());
      offset = 0;
    }
    pending.appendBuffer(bytes);
  }

  /** Bytes held that are not yet handed out. */
  public int held() {
    return pending.length() - offset;
  }

  /** The next whole frame without its prefix, or null until more bytes come. */
  public Buffer next() throws Broken {
    if (held() < prefixBytes) {
      return null;
    }
    long length = prefixBytes == 2 ? pending.getUnsignedShort(offset) : pending.getUnsignedInt(offset);
    if (length < minLength) {
      throw new Broken("a frame of " + length + " bytes (at least " + minLength + ")");
    }
    if (length > maxLength) {
      throw new Broken("a frame of " + length + " bytes (at most " + maxLength + ")");
    }
    int end = offset + prefixBytes + (int) length;
    if (pending.length() < end) {
      return null;
    }
    Buffer whole = pending.getBuffer(offset + prefixBytes, end);
    offset = end;
    return whole;
  }

  /** {@code payload} with its length before it, in a prefix of {@code prefixBytes}. */
  public static Buffer frame(int prefixBytes, byte[] payload) {
    checkWidth(prefixBytes);
    if (payload.length > largest(prefixBytes)) {
      throw new IllegalArgumentException("a frame of " + payload.length + " bytes");
    }
    Buffer framed = Buffer.buffer(prefixBytes + payload.length);
    if (prefixBytes == 2) {
      framed.appendUnsignedShort(payload.length);
    } else {
      framed.appendInt(payload.length);
    }
    return framed.appendBytes(payload);
  }

  private static void checkWidth(int prefixBytes) {
    if (prefixBytes != 2 && prefixBytes != 4) {
      throw new IllegalArgumentException("a length prefix of 2 or 4 bytes, not " + prefixBytes);
    }
  }

  private static long largest(int prefixBytes) {
    return prefixBytes == 2 ? 0xFFFF : Integer.MAX_VALUE;
  }
}
