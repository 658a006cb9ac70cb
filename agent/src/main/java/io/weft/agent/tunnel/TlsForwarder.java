package io.weft.agent.tunnel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One peer's local stand-in: listens on the peer's loopback alias (where this host's Hazelcast
 * connects to reach it) and carries each connection over mutual TLS to the peer agent's {@link
 * TlsGateway}. A connection is accepted locally first (Hazelcast believes it connected) and
 * closed if the tunnel cannot be made: to Hazelcast that looks like a connection lost before any
 * data, which it handles like a refused one.
 */
final class TlsForwarder {

  private static final Logger LOG = Logger.getLogger(TlsForwarder.class.getName());

  /** How long a connection may wait for an unreachable peer (Linux gives up a SYN after ~2 min). */
  static final long PENDING_LIMIT_MS = 15_000;
  static final long RETRY_MS = 250;

  private final Vertx vertx;
  private final NetClient tls;
  private final InetSocketAddress listen;
  private final SocketAddress peer;
  private final AtomicInteger open = new AtomicInteger();
  private NetServer server;

  /** @param tls a mutual-TLS client asking for {@link TunnelProtocols#HAZELCAST} */
  TlsForwarder(Vertx vertx, NetClient tls, InetSocketAddress listen, SocketAddress peer) {
    this.vertx = vertx;
    this.tls = tls;
    this.listen = listen;
    this.peer = peer;
  }

  Future<Void> start() {
    server = vertx.createNetServer(new NetServerOptions()
        .setHost(listen.getAddress().getHostAddress()).setPort(listen.getPort())
        .setReuseAddress(true).setTcpNoDelay(true));
    server.connectHandler(local -> {
      local.pause();
      boolean[] localClosed = {false};
      local.closeHandler(v -> localClosed[0] = true);
      tunnel(local, localClosed, System.currentTimeMillis() + PENDING_LIMIT_MS);
    });
    return server.listen().mapEmpty();
  }

  /**
   * Connects the tunnel for {@code local}. A refused connection (the peer host answers, its
   * agent does not) closes {@code local} at once, as a refused connection would have done to
   * Hazelcast. One that times out (a partition, a host down) is tried again while Hazelcast
   * keeps its side open, up to {@link #PENDING_LIMIT_MS}, as the kernel retransmits a SYN: a
   * healed partition then connects the pending attempt at once, and the fleet is whole again in
   * under 1.5 s rather than after Hazelcast's next round.
   */
  private void tunnel(NetSocket local, boolean[] localClosed, long deadline) {
    tls.connect(peer).onComplete(ar -> {
      if (ar.succeeded()) {
        if (localClosed[0]) {
          ar.result().close();
          return;
        }
        open.incrementAndGet();
        ar.result().pause();
        Splice.join(local, ar.result(), open::decrementAndGet);
        return;
      }
      boolean refused = ar.cause() instanceof ConnectException
          && String.valueOf(ar.cause().getMessage()).contains("refused");
      if (refused || PeerRefusal.isForeignCertificate(ar.cause()) || localClosed[0]
          || System.currentTimeMillis() > deadline) {
        LOG.fine(() -> "no tunnel to " + peer + ": " + ar.cause());
        local.close();
      } else {
        vertx.setTimer(RETRY_MS, t -> tunnel(local, localClosed, deadline));
      }
    });
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  int openConnections() {
    return open.get();
  }

  @Override
  public String toString() {
    return listen.getAddress().getHostAddress() + ":" + listen.getPort() + " -> " + peer;
  }
}
