package io.weft.agent.tunnel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * This agent's forwarders, one per peer, made on demand and idempotently: whoever learns of a
 * peer first (the join candidates, the gateway when the peer calls in, a candidate's directory,
 * Hazelcast's membership events, the periodic reconciliation) calls {@link #ensure}. Never one
 * for this host itself: its own Hazelcast holds that address. Forwarders are kept when a member
 * leaves: a restarted peer, or the other side of a split, comes back at the same address.
 */
final class PeerForwarders {

  private static final Logger LOG = Logger.getLogger(PeerForwarders.class.getName());

  private final Vertx vertx;
  private final NetClient tls;
  private final LoopbackMapping mapping;
  private final Inet4Address self;
  private final int gatewayPort;
  private final Map<Inet4Address, Future<TlsForwarder>> forwarders = new ConcurrentHashMap<>();

  /** @param tls a mutual-TLS client asking for {@link TunnelProtocols#HAZELCAST} */
  PeerForwarders(Vertx vertx, NetClient tls, LoopbackMapping mapping, Inet4Address self,
      int gatewayPort) {
    this.vertx = vertx;
    this.tls = tls;
    this.mapping = mapping;
    this.self = self;
    this.gatewayPort = gatewayPort;
  }

  /**
   * A forwarder for {@code peer} listens, or will soon: the future says when.
   *
   * @param reason who asked, for the log
   */
  Future<Void> ensure(Inet4Address peer, String reason) {
    if (peer.equals(self)) {
      return Future.succeededFuture();
    }
    return forwarders.computeIfAbsent(peer, p -> {
      TlsForwarder f = new TlsForwarder(vertx, tls, mapping.loopbackOf(p),
          SocketAddress.inetSocketAddress(gatewayPort, p.getHostAddress()));
      return f.start().map(v -> {
        LOG.fine(() -> "forwarder " + f + " up (" + reason + ")");
        return f;
      }).onFailure(e -> {
        LOG.warning("forwarder " + f + " failed: " + e);
        forwarders.remove(p);
      });
    }).mapEmpty();
  }

  Set<Inet4Address> peers() {
    return Set.copyOf(forwarders.keySet());
  }

  int openConnections() {
    return forwarders.values().stream()
        .mapToInt(f -> f.succeeded() ? f.result().openConnections() : 0).sum();
  }

  Future<Void> close() {
    return Future.join(forwarders.values().stream()
        .map(f -> f.compose(TlsForwarder::stop)).toList()).mapEmpty();
  }
}
