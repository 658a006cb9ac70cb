package io.weft.agent.hazelcast;

import static com.hazelcast.internal.nio.IOUtil.compactOrClear;

import com.hazelcast.internal.networking.HandlerStatus;
import com.hazelcast.internal.networking.OutboundHandler;
import java.io.EOFException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * The last handler of a member connection's outbound pipeline: Hazelcast's bytes in (its source
 * is the previous handler's destination), TLS records out (its destination is what the pipeline
 * writes to the socket). Until the handshake is done it writes handshake messages alone and
 * reports itself blocked while it waits for the peer, so the pipeline does not spin; the inbound
 * side wakes it.
 */
final class TlsOutbound extends OutboundHandler<ByteBuffer, ByteBuffer> {

  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

  private final TlsLink link;

  TlsOutbound(TlsLink link) {
    this.link = link;
  }

  @Override
  public void handlerAdded() {
    initDstBuffer(2 * link.engine().getSession().getPacketBufferSize());
  }

  @Override
  public HandlerStatus onWrite() throws Exception {
    compactOrClear(dst);
    try {
      while (true) {
        HandshakeStatus status = link.engine().getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
          link.runTasks();
          continue;
        }
        boolean handshake = status == HandshakeStatus.NEED_WRAP;
        if (!handshake && !link.established()) {
          if (!link.handshakeDone()) {
            return HandlerStatus.BLOCKED;
          }
          link.establish();
        }
        if (!handshake && (src == null || !src.hasRemaining())) {
          return HandlerStatus.CLEAN;
        }
        SSLEngineResult result = link.engine().wrap(handshake ? NOTHING : src, dst);
        link.after(result, true);
        switch (result.getStatus()) {
          case BUFFER_OVERFLOW:
            // the destination is full: the pipeline writes it out and calls again
            return HandlerStatus.DIRTY;
          case CLOSED:
            throw new EOFException("this end's TLS session is closed");
          default:
            break;
        }
        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
          // the engine waits on the peer (a post-handshake exchange): the reader wakes this
          return HandlerStatus.BLOCKED;
        }
      }
    } finally {
      dst.flip();
    }
  }

  @Override
  public void interceptError(Throwable error) throws Throwable {
    boolean handshaking = !link.established();
    link.failed(error);
    if (handshaking) {
      throw new EOFException("TLS handshake failed: " + error.getMessage());
    }
  }
}
