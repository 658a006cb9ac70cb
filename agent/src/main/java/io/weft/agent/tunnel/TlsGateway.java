package io.weft.agent.tunnel;

import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.weft.agent.tls.FleetTls;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The agent's one listener for Hazelcast's traffic on the underlay: mutual TLS against the fleet
 * CA, then the stream goes to this host's Hazelcast on its loopback alias. Before it does, it
 * makes sure this host can call the peer back ({@code onPeer}, with the address the peer's
 * certificate names), so Hazelcast never meets a member it has no forwarder for because that
 * member called first. Strangers never get past the handshake: nothing reaches Hazelcast
 * unauthenticated. A second protocol on the same port (ALPN {@link TunnelProtocols#PEERS}) tells
 * a joiner who the members are.
 */
final class TlsGateway {

  private static final Logger LOG = Logger.getLogger(TlsGateway.class.getName());
  private static final int LOCAL_CONNECT_TIMEOUT_MS = 2000;
  /** The type of an IP address among a certificate's subject alternative names (RFC 5280). */
  private static final int IP_ADDRESS_NAME = 7;

  private final Vertx vertx;
  private final FleetTls tls;
  private final SocketAddress listen;
  private final SocketAddress target;
  private final Function<Inet4Address, Future<Void>> onPeer;
  private final Supplier<List<Inet4Address>> members;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private NetServer server;
  private NetClient plain;

  /**
   * @param target this host's Hazelcast
   * @param onPeer makes sure a forwarder to the peer that called exists
   * @param members the underlay addresses of this host's cluster, for {@link TunnelProtocols#PEERS}
   */
  TlsGateway(Vertx vertx, FleetTls tls, SocketAddress listen, InetSocketAddress target,
      Function<Inet4Address, Future<Void>> onPeer, Supplier<List<Inet4Address>> members) {
    this.vertx = vertx;
    this.members = members;
    this.tls = tls;
    this.listen = listen;
    this.target = SocketAddress.inetSocketAddress(target);
    this.onPeer = onPeer;
  }

  Future<Void> start() {
    plain = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout(LOCAL_CONNECT_TIMEOUT_MS).setTcpNoDelay(true));
    server = vertx.createNetServer(tls.server(listen.host(), listen.port(), TunnelProtocols.ALL));
    // handshake failures (strangers) end here; the connect handler sees only the fleet's hosts
    server.exceptionHandler(e -> {
      refused.incrementAndGet();
      LOG.fine(() -> "refused a connection: " + e);
    });
    server.connectHandler(this::accept);
    return server.listen().mapEmpty();
  }

  private void accept(NetSocket remote) {
    String protocol = negotiatedProtocol(remote);
    if (TunnelProtocols.PEERS.equals(protocol)) {
      remote.end(Buffer.buffer(PeerDirectory.format(members.get())));
      return;
    }
    if (!TunnelProtocols.HAZELCAST.equals(protocol)) {
      LOG.warning("closing a fleet connection that asked for " + protocol);
      remote.close();
      return;
    }
    remote.pause();
    Inet4Address peer = advertisedAddress(remote);
    Future<Void> callBack = peer == null ? Future.succeededFuture() : onPeer.apply(peer);
    callBack.compose(v -> plain.connect(target)).onComplete(ar -> {
      if (ar.failed()) {
        remote.close();
        return;
      }
      open.incrementAndGet();
      ar.result().pause();
      Splice.join(remote, ar.result(), open::decrementAndGet);
    });
  }

  /**
   * The ALPN protocol of a server-side socket. Vert.x 5.0.7's NetServer never fills {@link
   * NetSocket#applicationLayerProtocol()} on the server side, although the handshake negotiated
   * one, so it is read from Netty's SslHandler.
   */
  static String negotiatedProtocol(NetSocket socket) {
    String p = socket.applicationLayerProtocol();
    if (p == null && socket instanceof NetSocketInternal internal) {
      SslHandler ssl = internal.channelHandlerContext().pipeline().get(SslHandler.class);
      p = ssl == null ? null : ssl.applicationProtocol();
    }
    return p;
  }

  /** The peer's underlay address as its certificate states it (its first IPv4 address). */
  static Inet4Address advertisedAddress(NetSocket socket) {
    try {
      X509Certificate cert = (X509Certificate) socket.sslSession().getPeerCertificates()[0];
      if (cert.getSubjectAlternativeNames() == null) {
        return null;
      }
      for (List<?> san : cert.getSubjectAlternativeNames()) {
        if (((Integer) san.get(0)) == IP_ADDRESS_NAME
            && InetAddress.getByName((String) san.get(1)) instanceof Inet4Address a) {
          return a;
        }
      }
    } catch (Exception e) {
      LOG.warning("no address in the peer's certificate: " + e);
    }
    return null;
  }

  int openConnections() {
    return open.get();
  }

  /** Connections dropped at the handshake since the start: strangers, and hosts of other fleets. */
  long refused() {
    return refused.get();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture()
        : server.close().eventually(() -> plain.close());
  }
}
