package io.weft.agent.vertx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame boundaries of the clustered event bus, followed however the bytes are cut. */
class FrameLimitTest {

  private static byte[] frame(int length) {
    return ByteBuffer.allocate(4 + Math.max(length, 0)).putInt(length).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] p : parts) {
      all.put(p);
    }
    return all.array();
  }

  /** Feeds {@code bytes} in pieces of {@code piece}; false as soon as one is refused. */
  private static boolean feed(FrameLimit limit, byte[] bytes, int piece) {
    for (int i = 0; i < bytes.length; i += piece) {
      ByteBuf buf = Unpooled.wrappedBuffer(bytes, i, Math.min(piece, bytes.length - i));
      int before = buf.readerIndex();
      boolean ok = limit.accept(buf);
      if (buf.readerIndex() != before) {
        throw new AssertionError("the limit consumed bytes");
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Test
  void framesUpToTheLimitPassCutAnywhere() {
    byte[] stream = concat(frame(10), frame(0), frame(100), frame(100));
    for (int piece : new int[] {1, 3, 4, 5, 7, 64, stream.length}) {
      assertTrue(feed(new FrameLimit(100), stream, piece), "pieces of " + piece);
    }
  }

  @Test
  void aFrameAnnouncingMoreIsRefusedBeforeItsBody() {
    byte[] header = ByteBuffer.allocate(4).putInt(101).array();
    assertFalse(feed(new FrameLimit(100), concat(frame(10), header), 3));
    byte[] huge = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
    assertFalse(feed(new FrameLimit(FrameLimit.MAX_FRAME_BYTES), huge, 1));
    byte[] negative = ByteBuffer.allocate(4).putInt(-5).array();
    assertFalse(feed(new FrameLimit(100), negative, 4));
  }
}
