package io.weft.agent.vertx;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.impl.transports.TransportInternal;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import io.weft.agent.ports.HandshakeGate;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Vert.x's NIO transport with a {@link FrameLimit} in every connection the clustered event bus
 * accepts: the one door through which weft reaches Vert.x's internals. Vert.x offers no public
 * hook into the pipeline of a server it makes itself, so this takes the one it has for a
 * transport (internal API, checked by {@code LimitedTransportTest} against a real Vert.x): each
 * server's child initializer is wrapped, and in a connection accepted on the event bus's port the
 * limit goes in right after the TLS handler, where the bytes are the frames themselves. Given a
 * {@link HandshakeGate}, every TLS connection any server of this Vert.x accepts (the event bus's,
 * the bridge's) also takes a place among the handshakes under way, right after the TLS handler.
 */
public final class LimitedTransport extends NioTransport {

  private static final String TLS = "ssl";
  private static final String NAME = "weft-frame-limit";
  private static final String GATE = "weft-handshake-gate";

  private final int eventBusPort;
  private final IntConsumer listening;
  private final HandshakeGate handshakes;
  private final AtomicBoolean firstServer = new AtomicBoolean(true);

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
   * As above, telling {@code listening} of the port the event bus listens on once it is bound.
   * With {@code eventBusPort} 0 (the kernel picks it), the event bus's server is the first one
   * this Vert.x makes: a clustered Vert.x starts its event bus before anything else of its own
   * can listen.
   */
  public static Transport forEventBus(int eventBusPort, IntConsumer listening) {
    return forEventBus(eventBusPort, listening, null);
  }

  /** As above, every TLS connection accepted taking a place in {@code handshakes} (null: none). */
  public static Transport forEventBus(int eventBusPort, IntConsumer listening,
      HandshakeGate handshakes) {
    return new TransportInternal("nio", true, null,
        new LimitedTransport(eventBusPort, listening, handshakes));
  }

  @Override
  public void configure(TcpConfig config, boolean domainSocket, ServerBootstrap bootstrap) {
    super.configure(config, domainSocket, bootstrap);
    boolean first = !domainSocket && firstServer.compareAndSet(true, false);
    if (first) {
      tellBoundPort(bootstrap);
    }
    // the configuration Vert.x hands a transport names no port, so every server's initializer
    // is wrapped and the limit goes only into connections accepted on the event bus's port (the
    // first server's, where the kernel picks it)
    boolean eventBusServer = eventBusPort == 0 && first;
    ChannelHandler vertx = bootstrap.config().childHandler();
    bootstrap.childHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        // Vert.x's own initializer runs as it is added, and puts the TLS handler in
        channel.pipeline().addLast(vertx);
        boolean tls = channel.pipeline().get(TLS) != null;
        if (eventBusServer || onEventBusPort(channel)) {
          if (tls) {
            channel.pipeline().addAfter(TLS, NAME, new FrameLimit());
          } else {
            channel.pipeline().addFirst(NAME, new FrameLimit());
          }
        }
        if (handshakes != null && tls && !domainSocket) {
          channel.pipeline().addAfter(TLS, GATE, handshakes.handler());
        }
      }
    });
  }

  private boolean onEventBusPort(Channel channel) {
    return eventBusPort != 0 && channel.localAddress() instanceof InetSocketAddress local
        && local.getPort() == eventBusPort;
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
