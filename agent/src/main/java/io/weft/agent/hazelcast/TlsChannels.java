package io.weft.agent.hazelcast;

import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.internal.networking.Channel;
import com.hazelcast.internal.networking.ChannelInitializer;
import io.weft.agent.ports.HandshakeGate;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
   * Drops peers whose handshake is late, and reports lost ones off the I/O threads: a thread of
   * its own, shared by the JVM's members, so that no queue of Hazelcast's work can delay it.
   */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "weft-tls-deadlines");
    t.setDaemon(true);
    return t;
  });

  /** What the member does about a peer in trouble. */
  interface Peers {
    /**
     * A connection this member made could not get a handshake through: Hazelcast treats that
     * peer as one that does not answer (a joiner stops waiting for it).
     */
    void unreachable(Channel channel);

    /** The peer's kernel stopped acknowledging what this member sent: its host is gone or cut off. */
    void lost(Channel channel);
  }

  private final Function<EndpointQualifier, ChannelInitializer> hazelcasts;
  private final TlsSettings settings;
  private final Peers peers;
  private final Consumer<SSLEngine> engines;
  private final AtomicLong refused = new AtomicLong();

  /** @param engines told of every engine made (tests reach into live sessions through it) */
  TlsChannels(Function<EndpointQualifier, ChannelInitializer> hazelcasts, TlsSettings settings,
      Peers peers, Consumer<SSLEngine> engines) {
    this.hazelcasts = hazelcasts;
    this.settings = settings;
    this.peers = peers;
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
      // the engine first: were it to fail after the gate let the connection in, its place would
      // never be given back
      SSLEngine engine = engine(channel);
      // an accepted connection takes a place among the handshakes under way, or is turned away
      HandshakeGate gate = settings.handshakes();
      Runnable place = channel.isClientMode() || gate == null ? () -> { }
          : gate.enter(channel.remoteSocketAddress());
      TlsLink link = new TlsLink(engine, channel, () -> {
        refused.incrementAndGet();
        if (channel.isClientMode()) {
          peers.unreachable(channel);
        }
      }, () -> DEADLINES.execute(() -> peers.lost(channel)));
      channel.inboundPipeline().addLast(new TlsInbound(link));
      theirs.initChannel(channel);
      channel.outboundPipeline().addLast(new TlsOutbound(link));
      if (!settings.userTimeout().isZero()) {
        TcpUserTimeout.set(channel.socket().getChannel(), (int) settings.userTimeout().toMillis());
      }
      if (place == null) {
        DEADLINES.execute(link::turnAway);
        return;
      }
      link.whenHandshakeEnds(place);
      long bound = settings.handshakeBound().toMillis();
      link.deadline(DEADLINES.schedule(() -> link.timedOut(bound), bound, TimeUnit.MILLISECONDS));
    };
  }

  /** Member connections refused at the handshake (or dropped for not finishing it) so far. */
  long refused() {
    return refused.get();
  }

  private SSLEngine engine(Channel channel) throws Exception {
    SocketAddress remote = channel.remoteSocketAddress();
    SSLContext context = settings.context();
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
