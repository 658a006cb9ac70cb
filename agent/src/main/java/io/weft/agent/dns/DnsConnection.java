package io.weft.agent.dns;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.stream.LengthPrefixedFrames;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One TCP conversation with weft's DNS, held to a bounded share of the agent:
 *
 * <ul>
 *   <li><b>Back-pressure</b>: at most {@value #MAX_OWED} answers are owed at once (being worked
 *       out or forwarded), and none is started while the socket's write queue is full: the
 *       connection is then not read, so a client that pipelines queries and never reads its
 *       answers waits on itself, its queries left in the kernel's buffers, not the agent's.
 *   <li><b>Time</b>: a message's bytes must all come within {@value #MESSAGE_MILLIS} ms of its
 *       first (a trickle is cut off), and a conversation lasts {@value #LIFETIME_MILLIS} ms at
 *       most, however busy (the server also closes one silent for its idle bound).
 * </ul>
 *
 * Every method runs on the server's event loop.
 */
final class DnsConnection {

  static final int MAX_OWED = 4;
  static final int WRITE_QUEUE_BYTES = 16 * 1024;
  static final long MESSAGE_MILLIS = 2_000;
  static final long LIFETIME_MILLIS = 30_000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final BiConsumer<byte[], Consumer<byte[]>> answerer;
  private final LengthPrefixedFrames frames =
      new LengthPrefixedFrames(Dns.TCP_LENGTH_BYTES, 1, Dns.MAX_QUERY_LENGTH);
  private final long started = System.nanoTime();
  private int owed;
  private boolean paused;
  private boolean closed;
  /** In {@link #serve}'s loop now: an answer given at once must not start it again (recursion). */
  private boolean serving;
  private long partialTimer = -1;
  private long lifeTimer = -1;

  /**
   * @param answerer works out the answer to a message and hands it to the callback, once, on this
   *     event loop (now or later); null when there is nothing to answer
   */
  DnsConnection(Vertx vertx, NetSocket socket, BiConsumer<byte[], Consumer<byte[]>> answerer) {
    this.vertx = vertx;
    this.socket = socket;
    this.answerer = answerer;
  }

  /** Starts reading; {@code closed} is told once the conversation is over. */
  void start(Runnable onClosed) {
    socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    socket.handler(bytes -> {
      frames.received(bytes);
      serve();
    });
    socket.drainHandler(v -> serve());
    socket.closeHandler(v -> {
      closed = true;
      vertx.cancelTimer(partialTimer);
      vertx.cancelTimer(lifeTimer);
      onClosed.run();
    });
    lifeTimer = vertx.setTimer(LIFETIME_MILLIS, t -> socket.close());
  }

  /** When it started, for the server's choice of whom to close when it is full. */
  long started() {
    return started;
  }

  void close() {
    socket.close();
  }

  /** Starts on each whole message while answers owed and the write queue leave room. */
  private void serve() {
    if (serving) {
      return; // the loop running now goes on with the next message
    }
    serving = true;
    try {
      serveNow();
    } finally {
      serving = false;
    }
  }

  private void serveNow() {
    boolean partial = false;
    while (!closed && owed < MAX_OWED && !socket.writeQueueFull()) {
      Buffer message;
      try {
        message = frames.next();
      } catch (LengthPrefixedFrames.Broken e) {
        socket.close();
        return;
      }
      if (message == null) {
        partial = frames.held() > 0;
        break;
      }
      owed++;
      answerer.accept(message.getBytes(), this::answered);
    }
    watchPartial(partial);
    boolean full = owed >= MAX_OWED || socket.writeQueueFull();
    if (full && !paused) {
      paused = true;
      socket.pause();
    } else if (!full && paused) {
      paused = false;
      socket.resume();
    }
  }

  private void answered(byte[] answer) {
    owed--;
    if (!closed && answer != null) {
      socket.write(LengthPrefixedFrames.frame(Dns.TCP_LENGTH_BYTES, answer));
      serve();
    }
  }

  /** A message begun and not finished must finish within its bound. */
  private void watchPartial(boolean partial) {
    if (partial && partialTimer < 0) {
      partialTimer = vertx.setTimer(MESSAGE_MILLIS, t -> socket.close());
    } else if (!partial && partialTimer >= 0) {
      vertx.cancelTimer(partialTimer);
      partialTimer = -1;
    }
  }
}
