package io.weft.agent.hazelcast;

import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.internal.networking.Channel;
import com.hazelcast.internal.networking.ChannelInitializer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Hazelcast's channel initializers with TLS around the member protocol: for every member
 * connection, accepted or made, Hazelcast's own initializer sets its handlers up, then a {@link
 * TlsInbound} goes first in the inbound pipeline and a {@link TlsOutbound} last in the outbound
 * one. So TLS wraps the whole stream from its first byte, as Hazelcast's Enterprise edition does,
 * with the JDK's engine doing all the cryptography. Mutual TLS 1.3 only: the context's trust
 * decides who gets in.
 */
final class TlsChannels implements Function<EndpointQualifier, ChannelInitializer> {

  static final String PROTOCOL = "TLSv1.3";

  /**
   * Drops peers whose handshake is late: a thread of its own, shared by the JVM's members, so
   * that no queue of Hazelcast's work can delay it.
   */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "weft-tls-deadlines");
    t.setDaemon(true);
    return t;
  });

  private final Function<EndpointQualifier, ChannelInitializer> hazelcasts;
  private final SSLContext context;
  private final Duration handshakeBound;
  private final Consumer<Channel> unreachable;
  private final Consumer<SSLEngine> engines;
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param unreachable told of a connection this member made whose peer it could not get a
   *     handshake through with: Hazelcast treats that peer as it treats one that does not
   *     answer (a joiner stops waiting for it)
   * @param engines told of every engine made (tests reach into live sessions through it)
   */
  TlsChannels(Function<EndpointQualifier, ChannelInitializer> hazelcasts, SSLContext context,
      Duration handshakeBound, Consumer<Channel> unreachable, Consumer<SSLEngine> engines) {
    this.hazelcasts = hazelcasts;
    this.context = context;
    this.handshakeBound = handshakeBound;
    this.unreachable = unreachable;
    this.engines = engines;
  }

  @Override
  public ChannelInitializer apply(EndpointQualifier qualifier) {
    ChannelInitializer theirs = hazelcasts.apply(qualifier);
    if (theirs == null || !EndpointQualifier.MEMBER.equals(qualifier)) {
      // weft's members have a member endpoint alone; anything else is refused by Hazelcast
      return theirs;
    }
    return channel -> {
      TlsLink link = new TlsLink(engine(channel), channel, () -> {
        refused.incrementAndGet();
        if (channel.isClientMode()) {
          unreachable.accept(channel);
        }
      });
      channel.inboundPipeline().addLast(new TlsInbound(link));
      theirs.initChannel(channel);
      channel.outboundPipeline().addLast(new TlsOutbound(link));
      long bound = handshakeBound.toMillis();
      link.deadline(DEADLINES.schedule(() -> link.timedOut(bound), bound, TimeUnit.MILLISECONDS));
    };
  }

  /** Member connections refused at the handshake (or dropped for not finishing it) so far. */
  long refused() {
    return refused.get();
  }

  private SSLEngine engine(Channel channel) throws Exception {
    SocketAddress remote = channel.remoteSocketAddress();
    SSLEngine engine = remote instanceof InetSocketAddress peer
        ? context.createSSLEngine(peer.getHostString(), peer.getPort()) : context.createSSLEngine();
    engine.setUseClientMode(channel.isClientMode());
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(new String[] {PROTOCOL});
    if (!channel.isClientMode()) {
      parameters.setNeedClientAuth(true);
    }
    engine.setSSLParameters(parameters);
    engine.beginHandshake();
    engines.accept(engine);
    return engine;
  }
}
