package io.weft.agent.dns;

import io.vertx.core.buffer.Buffer;

/**
 * DNS messages over a TCP stream, each after its two-byte length (RFC 1035 4.2.2): gathers the
 * bytes of a connection and hands out each whole message when asked, so that the reader decides
 * when to take the next (a connection whose answers are not read is not read either). A length of
 * zero or over the bound breaks the stream.
 */
final class TcpFrames {

  static final int MAX_ANSWER = 65535;

  /** The stream broke the framing: the conversation is over. */
  static final class Broken extends Exception {
    Broken(String message) {
      super(message, null, false, false);
    }
  }

  private final int maxLength;
  private Buffer pending = Buffer.buffer();
  private int offset;

  TcpFrames(int maxLength) {
    this.maxLength = maxLength;
  }

  void received(Buffer bytes) {
    if (offset > 0) {
      pending = pending.getBuffer(offset, pending.length());
      offset = 0;
    }
    pending.appendBuffer(bytes);
  }

  /** Bytes held and not yet handed out. */
  int held() {
    return pending.length() - offset;
  }

  /** The next whole message, or null until more bytes come. */
  byte[] next() throws Broken {
    if (held() < 2) {
      return null;
    }
    int length = pending.getUnsignedShort(offset);
    if (length == 0 || length > maxLength) {
      throw new Broken("a message of " + length + " bytes (at most " + maxLength + ")");
    }
    if (held() < 2 + length) {
      return null;
    }
    byte[] whole = pending.getBytes(offset + 2, offset + 2 + length);
    offset += 2 + length;
    return whole;
  }

  /** {@code message} with its length before it. */
  static Buffer frame(byte[] message) {
    return Buffer.buffer(message.length + 2).appendUnsignedShort(message.length).appendBytes(message);
  }
}
