package io.weft.agent.hazelcast;

import com.hazelcast.internal.networking.Channel;
import com.hazelcast.internal.server.ServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * One member connection's TLS session, shared by its two handlers: {@link TlsInbound} unwraps on
 * Hazelcast's input thread, {@link TlsOutbound} wraps on its output thread (the JDK's SSLEngine
 * takes wrap and unwrap from two threads at once). During the handshake each side wakes the
 * other's pipeline when it can go on; until the handshake is done, nothing of Hazelcast's is
 * read or written, and a peer that has not finished it within the bound is dropped.
 */
final class TlsLink {

  private static final Logger LOG = Logger.getLogger(TlsLink.class.getName());
  /** strerror(ETIMEDOUT), as the JDK reports a connection the kernel aborted. */
  private static final String TIMED_OUT = "Connection timed out";

  private final SSLEngine engine;
  private final Channel channel;
  private final Runnable onRefused;
  private final Runnable onLost;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean established;
  private volatile boolean turnedAway;
  private volatile ScheduledFuture<?> deadline;
  /** Gives back the connection's place among the handshakes under way: once it ends, however. */
  private volatile Runnable handshakeEnded = () -> { };

  /**
   * @param onRefused told once when the peer does not get through
   * @param onLost told when the peer's kernel stopped acknowledging what this end sent
   */
  TlsLink(SSLEngine engine, Channel channel, Runnable onRefused, Runnable onLost) {
    this.engine = engine;
    this.channel = channel;
    this.onRefused = onRefused;
    this.onLost = onLost;
  }

  SSLEngine engine() {
    return engine;
  }

  boolean established() {
    return established;
  }

  void deadline(ScheduledFuture<?> deadline) {
    this.deadline = deadline;
  }

  /** Runs {@code ended} once the handshake ends: done, failed, or past its bound. */
  void whenHandshakeEnds(Runnable ended) {
    this.handshakeEnded = ended;
  }

  /** Whether the connection was turned away as it was accepted: nothing of it is read. */
  boolean turnedAway() {
    return turnedAway;
  }

  /** Runs the engine's delegated work (certificate checks, key agreement) on this thread. */
  void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  /**
   * Follows the handshake after a wrap or an unwrap: a finished handshake lets Hazelcast's bytes
   * through both ways; a handshake message (or a post-handshake one, such as a key update) may
   * leave the other direction with something to do, so it is woken.
   */
  void after(SSLEngineResult result, boolean wrapped) {
    HandshakeStatus status = result.getHandshakeStatus();
    if (status == HandshakeStatus.FINISHED || !established && handshakeDone()) {
      establish();
    } else if (status != HandshakeStatus.NOT_HANDSHAKING) {
      wake(!wrapped);
    }
  }

  /**
   * True once the handshake has succeeded. (A failed one leaves the engine not handshaking
   * too, closed, with no protocol agreed.)
   */
  boolean handshakeDone() {
    return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
        && !engine.isInboundDone() && !engine.isOutboundDone()
        && TlsChannels.PROTOCOL.equals(engine.getSession().getProtocol());
  }

  /** The handshake is done: Hazelcast's own protocol may start. */
  void establish() {
    if (established) {
      return;
    }
    established = true;
    handshakeEnded.run();
    ScheduledFuture<?> d = deadline;
    if (d != null) {
      d.cancel(false);
    }
    wake(true);
    wake(false);
  }

  /** Wakes the pipeline that writes ({@code writer}) or the one that reads. */
  void wake(boolean writer) {
    if (writer) {
      channel.outboundPipeline().wakeup();
    } else {
      channel.inboundPipeline().wakeup();
    }
  }

  /**
   * The handshake failed: the engine's alert goes out (so the peer learns why, as from any TLS
   * server), and it is counted once and said at fine level (strangers must not fill the log).
   */
  void refused(Throwable why) {
    handshakeEnded.run();
    if (!established && ended.compareAndSet(false, true)) {
      sendAlert();
      String reason = why.getClass().getSimpleName() + ": " + why.getMessage();
      LOG.fine(() -> "refused " + channel.remoteSocketAddress() + ": " + reason);
      onRefused.run();
    }
  }

  /**
   * Ends the TCP connection now. Closing a channel registered with a selector leaves the socket
   * open until its selector next wakes, which for an idle member can be seconds; a shutdown
   * sends the FIN at once.
   */
  private void hangUp() {
    try {
      SocketChannel socket = channel.socket().getChannel();
      if (socket != null) {
        socket.shutdownOutput();
        socket.shutdownInput();
      }
    } catch (Exception e) {
      LOG.finest(() -> "no shutdown of " + channel + ": " + e);
    }
  }

  /** Best effort, a few bytes on a dying connection: wraps what the engine has left and writes it. */
  private void sendAlert() {
    try {
      ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
        engine.wrap(ByteBuffer.allocate(0), out);
      }
      out.flip();
      SocketChannel socket = channel.socket().getChannel();
      if (out.hasRemaining() && socket != null) {
        socket.write(out);
      }
    } catch (Exception e) {
      LOG.finest(() -> "no alert sent: " + e);
    }
  }

  /**
   * The connection failed: before the handshake, a refusal; after it, a peer whose kernel stopped
   * acknowledging (the TCP user timeout's abort) is lost, not merely slow.
   */
  void failed(Throwable error) {
    if (!established) {
      refused(error);
    } else if (error instanceof IOException && String.valueOf(error.getMessage()).contains(TIMED_OUT)
        && ended.compareAndSet(false, true)) {
      LOG.fine(() -> "lost " + channel.remoteSocketAddress() + ": " + error.getMessage());
      onLost.run();
    }
  }

  /** The bound passed with the handshake unfinished: the peer is dropped. */
  void timedOut(long boundMillis) {
    handshakeEnded.run();
    if (established || !ended.compareAndSet(false, true)) {
      return;
    }
    drop("no TLS handshake within " + boundMillis + " ms");
    onRefused.run();
  }

  /**
   * Too many handshakes were under way as the connection was accepted: it is closed before a
   * byte of it is read (counted by the gate, not as a refused handshake).
   */
  void turnAway() {
    turnedAway = true;
    if (ended.compareAndSet(false, true)) {
      drop("too many TLS handshakes under way");
    }
  }

  private void drop(String why) {
    LOG.fine(() -> "dropped " + channel.remoteSocketAddress() + ": " + why);
    hangUp();
    ServerConnection connection = (ServerConnection) channel.attributeMap().get(ServerConnection.class);
    if (connection != null) {
      connection.close(why, null);
    } else {
      try {
        channel.close();
      } catch (Exception e) {
        LOG.fine(() -> "closing " + channel + ": " + e);
      }
    }
  }
}
