package io.weft.agent.ports;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on the TLS handshakes a server has under way, per source address and in all: a
 * handshake costs the server public-key work for each client hello, and anyone who reaches the
 * port may send hellos without end. A connection over either bound is closed as it is accepted,
 * before a byte of it is read, and counted; a handshake that finishes (or fails, or hits the
 * server's handshake deadline) frees its place. For Netty's servers (the event bus, the bridge)
 * it sits after the TLS handler in each accepted connection, where the handshake's end is told;
 * Hazelcast's member connections take their places through {@link #enter}.
 */
public final class HandshakeGate {

  /** Handshakes under way from one address: a client makes one at a time, a host a few. */
  public static final int PER_SOURCE = 8;
  /** Handshakes under way in all: past this, a flood from many addresses waits out its deadline. */
  public static final int IN_ALL = 128;

  private final int perSource;
  private final int inAll;
  private final Map<InetAddress, Integer> bySource = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private int underWay;

  public HandshakeGate() {
    this(PER_SOURCE, IN_ALL);
  }

  public HandshakeGate(int perSource, int inAll) {
    this.perSource = perSource;
    this.inAll = inAll;
  }

  /** A new handler for one accepted connection. */
  public ChannelHandler handler() {
    return new Place();
  }

  /**
   * A place for a handshake from {@code remote}, given back by running what this returns (once
   * is enough; more are ignored); null when over a bound: the connection is then to be closed
   * at once, and is counted.
   */
  public Runnable enter(SocketAddress remote) {
    InetAddress from = address(remote);
    if (!take(from)) {
      refused.incrementAndGet();
      return null;
    }
    AtomicBoolean held = new AtomicBoolean(true);
    return () -> {
      if (held.compareAndSet(true, false)) {
        give(from);
      }
    };
  }

  /** Connections closed for being over a bound, since the start. */
  public long refused() {
    return refused.get();
  }

  /** Handshakes under way now. */
  public synchronized int underWay() {
    return underWay;
  }

  private synchronized boolean take(InetAddress source) {
    int fromSource = bySource.getOrDefault(source, 0);
    if (fromSource >= perSource || underWay >= inAll) {
      return false;
    }
    bySource.put(source, fromSource + 1);
    underWay++;
    return true;
  }

  private synchronized void give(InetAddress source) {
    bySource.computeIfPresent(source, (a, n) -> n == 1 ? null : n - 1);
    underWay--;
  }

  /** One connection's place among the handshakes under way, held until its handshake ends. */
  private final class Place extends ChannelInboundHandlerAdapter {
    private Runnable release;

    @Override
    public void channelActive(ChannelHandlerContext context) {
      release = enter(context.channel().remoteAddress());
      if (release == null) {
        context.close();
        return;
      }
      context.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
      context.fireUserEventTriggered(event);
      if (event instanceof SslHandshakeCompletionEvent) {
        free();
        context.pipeline().remove(this);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      free();
      context.fireChannelInactive();
    }

    private void free() {
      if (release != null) {
        release.run();
        release = null;
      }
    }
  }

  /** The source's address; anything else (a test's channel) counts as one unnamed source. */
  private static InetAddress address(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress();
    }
    return InetAddress.getLoopbackAddress();
  }
}
