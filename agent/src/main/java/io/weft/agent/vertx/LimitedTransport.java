package io.weft.agent.vertx;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.impl.transports.TransportInternal;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import java.net.InetSocketAddress;

/**
 * Vert.x's NIO transport with a {@link FrameLimit} in every connection the clustered event bus
 * accepts: the one door through which weft reaches Vert.x's internals. Vert.x offers no public
 * hook into the pipeline of a server it makes itself, so this takes the one it has for a
 * transport (internal API, checked by {@code LimitedTransportTest} against a real Vert.x): each
 * server's child initializer is wrapped, and in a connection accepted on the event bus's port the
 * limit goes in right after the TLS handler, where the bytes are the frames themselves.
 */
public final class LimitedTransport extends NioTransport {

  private static final String TLS = "ssl";
  private static final String NAME = "weft-frame-limit";

  private final int eventBusPort;

  private LimitedTransport(int eventBusPort) {
    this.eventBusPort = eventBusPort;
  }

  /** The transport for a Vert.x whose event bus listens on {@code eventBusPort}. */
  public static Transport forEventBus(int eventBusPort) {
    return new TransportInternal("nio", true, null, new LimitedTransport(eventBusPort));
  }

  @Override
  public void configure(TcpConfig config, boolean domainSocket, ServerBootstrap bootstrap) {
    super.configure(config, domainSocket, bootstrap);
    // the configuration Vert.x hands a transport names no port, so every server's initializer
    // is wrapped and the limit goes only into connections accepted on the event bus's port
    ChannelHandler vertx = bootstrap.config().childHandler();
    bootstrap.childHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        // Vert.x's own initializer runs as it is added, and puts the TLS handler in
        channel.pipeline().addLast(vertx);
        if (!onEventBusPort(channel)) {
          return;
        }
        if (channel.pipeline().get(TLS) != null) {
          channel.pipeline().addAfter(TLS, NAME, new FrameLimit());
        } else {
          channel.pipeline().addFirst(NAME, new FrameLimit());
        }
      }
    });
  }

  private boolean onEventBusPort(Channel channel) {
    return channel.localAddress() instanceof InetSocketAddress local
        && local.getPort() == eventBusPort;
  }
}
