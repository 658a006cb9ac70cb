package io.weft.agent.dns;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * DNS messages over a TCP stream, each after its two-byte length (RFC 1035 4.2.2): gathers the
 * bytes of a connection and hands on each whole message. A length of zero or over the bound
 * ends the conversation.
 */
final class TcpFrames {

  static final int MAX_ANSWER = 65535;

  private final int maxLength;
  private final Consumer<byte[]> message;
  private final Runnable refuse;
  private Buffer pending = Buffer.buffer();

  /** @param refuse what to do with a stream that breaks the framing: close it */
  TcpFrames(int maxLength, Consumer<byte[]> message, Runnable refuse) {
    this.maxLength = maxLength;
    this.message = message;
    this.refuse = refuse;
  }

  void received(Buffer bytes) {
    pending.appendBuffer(bytes);
    while (pending.length() >= 2) {
      int length = pending.getUnsignedShort(0);
      if (length == 0 || length > maxLength) {
        pending = Buffer.buffer();
        refuse.run();
        return;
      }
      if (pending.length() < 2 + length) {
        return;
      }
      byte[] whole = pending.getBytes(2, 2 + length);
      pending = pending.getBuffer(2 + length, pending.length());
      message.accept(whole);
    }
  }

  /** {@code message} with its length before it. */
  static Buffer frame(byte[] message) {
    return Buffer.buffer(message.length + 2).appendUnsignedShort(message.length).appendBytes(message);
  }
}
