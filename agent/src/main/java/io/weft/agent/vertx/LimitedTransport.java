package io.weft.agent.vertx;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.impl.transports.TransportInternal;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.transport.Transport;
import io.weft.agent.ports.HandshakeGate;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Vert.x's NIO transport with a {@link FrameLimit} in every connection the clustered event bus
 * accepts: the one door through which weft reaches Vert.x's internals. Vert.x offers no public
 * hook into the pipeline of a server it makes itself, so this takes the one it has for a
 * transport (internal API, checked by {@code LimitedTransportTest} against a real Vert.x): when
 * the server on the event bus's port is bound, its child initializer is wrapped, and the limit
 * goes in right after the TLS handler, where the bytes are the frames themselves.
 */
public final class LimitedTransport extends NioTransport {

  private static final String TLS = "ssl";
  private static final String NAME = "weft-frame-limit";

  private static final String GATE = "weft-handshake-gate";

  private final int eventBusPort;
  private final IntConsumer listening;
  private final HandshakeGate handshakes;
  private final AtomicBoolean eventBusSeen = new AtomicBoolean();

  private LimitedTransport(int eventBusPort, IntConsumer listening, HandshakeGate handshakes) {
    this.eventBusPort = eventBusPort;
    this.listening = listening;
    this.handshakes = handshakes;
  }

  /** The transport for a Vert.x whose event bus listens on {@code eventBusPort}. */
  public static Transport forEventBus(int eventBusPort) {
    return forEventBus(eventBusPort, port -> { });
  }

  /**
   * As {@link #forEventBus(int, IntConsumer)}, every TLS server of this Vert.x (the event bus, the
   * bridge) bounding its handshakes under way through {@code handshakes}, placed right after
   * the TLS handler of each connection it accepts.
   */
  public static Transport forEventBus(int eventBusPort, IntConsumer listening, HandshakeGate handshakes) {
    return new TransportInternal("nio", true, null,
        new LimitedTransport(eventBusPort, listening, handshakes));
  }

  /**
   * As above, telling {@code listening} of the port the event bus listens on once it is bound.
   * With {@code eventBusPort} 0 (the kernel picks it), the event bus's server is the first one
   * this Vert.x makes with port 0: a clustered Vert.x starts its event bus before anything else
   * of its own can listen.
   */
  public static Transport forEventBus(int eventBusPort, IntConsumer listening) {
    return new TransportInternal("nio", true, null, new LimitedTransport(eventBusPort, listening, null));
  }

  @Override
  public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
    super.configure(options, domainSocket, bootstrap);
    boolean eventBus = options.getPort() == eventBusPort && !domainSocket
        && (eventBusPort != 0 || eventBusSeen.compareAndSet(false, true));
    boolean gated = handshakes != null && options.isSsl() && !domainSocket;
    if (!eventBus && !gated) {
      return;
    }
    if (eventBus) {
      tellBoundPort(bootstrap);
    }
    ChannelHandler vertx = bootstrap.config().childHandler();
    bootstrap.childHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        // Vert.x's own initializer runs as it is added, and puts the TLS handler in
        channel.pipeline().addLast(vertx);
        boolean tls = channel.pipeline().get(TLS) != null;
        if (eventBus && tls) {
          channel.pipeline().addAfter(TLS, NAME, new FrameLimit());
        } else if (eventBus) {
          channel.pipeline().addFirst(NAME, new FrameLimit());
        }
        if (gated && tls) {
          channel.pipeline().addAfter(TLS, GATE, handshakes.handler());
        }
      }
    });
  }

  /** Adds to the server's own pipeline a handler that tells the port once the server is bound. */
  private void tellBoundPort(ServerBootstrap bootstrap) {
    ChannelHandler vertx = bootstrap.config().handler();
    bootstrap.handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel server) {
        if (vertx != null) {
          server.pipeline().addLast(vertx);
        }
        server.pipeline().addLast(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelActive(ChannelHandlerContext context) {
            listening.accept(((InetSocketAddress) context.channel().localAddress()).getPort());
            context.fireChannelActive();
          }
        });
      }
    });
  }
}
