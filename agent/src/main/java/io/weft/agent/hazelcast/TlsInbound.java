package io.weft.agent.hazelcast;

import static com.hazelcast.internal.nio.IOUtil.compactOrClear;

import com.hazelcast.internal.networking.HandlerStatus;
import com.hazelcast.internal.networking.InboundHandler;
import java.io.EOFException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * The first handler of a member connection's inbound pipeline: TLS records in (its source is the
 * buffer the socket is read into), Hazelcast's bytes out (its destination is the next handler's
 * source, which Hazelcast's pipeline wires in). Unwrapped bytes that do not fit the next
 * handler's buffer wait here; the handler then reports itself dirty, so the pipeline lets the
 * next one read and calls again.
 */
final class TlsInbound extends InboundHandler<ByteBuffer, ByteBuffer> {

  private final TlsLink link;
  /** Unwrapped bytes not handed on yet, in read mode. */
  private ByteBuffer plain;

  TlsInbound(TlsLink link) {
    this.link = link;
  }

  @Override
  public void handlerAdded() {
    int record = link.engine().getSession().getPacketBufferSize();
    initSrcBuffer(2 * record);
    plain = ByteBuffer.allocate(link.engine().getSession().getApplicationBufferSize());
    plain.flip();
  }

  @Override
  public HandlerStatus onRead() throws Exception {
    if (link.turnedAway()) {
      src.clear();
      return HandlerStatus.CLEAN;
    }
    src.flip();
    try {
      while (true) {
        if (!handOn()) {
          return HandlerStatus.DIRTY;
        }
        HandshakeStatus status = link.engine().getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
          link.runTasks();
          continue;
        }
        if (status == HandshakeStatus.NEED_WRAP) {
          // the writer answers first; it wakes this pipeline again when it has
          link.wake(true);
          return HandlerStatus.CLEAN;
        }
        if (!src.hasRemaining()) {
          return HandlerStatus.CLEAN;
        }
        plain.compact();
        SSLEngineResult result;
        try {
          result = link.engine().unwrap(src, plain);
        } finally {
          plain.flip();
        }
        link.after(result, false);
        switch (result.getStatus()) {
          case BUFFER_UNDERFLOW:
            // part of a record: the rest comes with the next read
            return HandlerStatus.CLEAN;
          case BUFFER_OVERFLOW:
            if (!plain.hasRemaining()) {
              plain = ByteBuffer.allocate(link.engine().getSession().getApplicationBufferSize()).flip();
            }
            break;
          case CLOSED:
            throw new EOFException("the peer ended its TLS session");
          default:
            break;
        }
      }
    } finally {
      compactOrClear(src);
    }
  }

  /** Moves unwrapped bytes into the next handler's buffer; false when some are still left. */
  private boolean handOn() {
    if (!plain.hasRemaining()) {
      return true;
    }
    if (dst == null) {
      return false;
    }
    int n = Math.min(plain.remaining(), dst.remaining());
    if (n > 0) {
      ByteBuffer part = plain.slice();
      part.limit(n);
      dst.put(part);
      plain.position(plain.position() + n);
    }
    return !plain.hasRemaining();
  }

  @Override
  public void interceptError(Throwable error) throws Throwable {
    boolean handshaking = !link.established();
    link.failed(error);
    if (handshaking) {
      // a stranger at the door is not news: Hazelcast logs this below warning level
      throw new EOFException("TLS handshake failed: " + error.getMessage());
    }
  }
}
