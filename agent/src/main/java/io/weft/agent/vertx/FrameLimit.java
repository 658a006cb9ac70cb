package io.weft.agent.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.logging.Logger;

/**
 * A bound on the frames another agent may send this one's event bus. Vert.x's clustered event
 * bus reads a frame as a 4-byte big-endian length and then that many bytes, which it gathers in
 * memory whatever the length says (a {@code RecordParser} in fixed-size mode, without a maximum):
 * one frame announcing 2 GB would fill the agent's heap. This handler sits right after TLS in
 * each inbound connection, follows the frame boundaries without copying a byte, and closes the
 * connection at the first length over {@link #MAX_FRAME_BYTES}.
 */
final class FrameLimit extends ChannelInboundHandlerAdapter {

  /** Far above what weft sends: {@code ps} of a host with 1000 containers is about 150 KB. */
  static final int MAX_FRAME_BYTES = 1 << 20;
  private static final Logger LOG = Logger.getLogger(FrameLimit.class.getName());

  private final int max;
  private long bodyLeft;
  private int headerBytes;
  private int length;

  FrameLimit() {
    this(MAX_FRAME_BYTES);
  }

  FrameLimit(int max) {
    this.max = max;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes && !accept(bytes)) {
      bytes.release();
      LOG.warning("closed an event-bus connection from " + ctx.channel().remoteAddress()
          + ": a frame of more than " + max + " bytes");
      ctx.close();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Follows the frames through {@code bytes} (not consumed); false at a length over the bound. */
  boolean accept(ByteBuf bytes) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end) {
      if (bodyLeft > 0) {
        int skipped = (int) Math.min(bodyLeft, end - i);
        bodyLeft -= skipped;
        i += skipped;
        continue;
      }
      length = (length << 8) | (bytes.getByte(i++) & 0xff);
      if (++headerBytes == 4) {
        if (length < 0 || length > max) {
          return false;
        }
        bodyLeft = length;
        headerBytes = 0;
        length = 0;
      }
    }
    return true;
  }
}
