package io.weft.agent.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.TrustOptions;
import io.weft.common.bus.BridgeContract;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The bridge for programs that are not on the cluster's bus: the framing of Vert.x's TCP
 * event-bus bridge, whose clients exist in many languages, spoken by weft's own code ({@link
 * BridgeConnection}) on the underlay address, in mutual TLS with the bridge clients' authority as
 * the only trust anchor and the revocations checked at every handshake ({@link RevocationTrust}).
 *
 * <p>It serves {@link BridgeContract#MAX_CLIENTS} connections, shared fairly between credentials
 * ({@link ClientSlots}). A credential revoked while connected is closed at once, one that expires
 * while connected when it expires. Another process holding the port does not stop the agent: the
 * bridge says so and tries again every {@link #RETRY_MILLIS} ms.
 */
public final class BridgeServer {

  static final long RETRY_MILLIS = 10_000;
  /** Vert.x timers take a long; a credential's life is capped far below this anyway. */
  private static final long LONGEST_TIMER_MILLIS = Duration.ofDays(365).toMillis();
  private static final Logger LOG = Logger.getLogger(BridgeServer.class.getName());

  private final Vertx vertx;
  private final String host;
  private final NetServerOptions options;
  private final Revocations revocations;
  private final EventFeed events;
  private final ClientSlots<BridgeConnection> slots;
  private final Set<BridgeConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private NetServer server;
  private long retryMillis = RETRY_MILLIS;

  /**
   * @param options the TLS server options (address, port, mutual TLS); their trust is replaced by
   *     {@code authority} and the revocations
   */
  public BridgeServer(Vertx vertx, String host, NetServerOptions options, X509Certificate authority,
      Revocations revocations, EventFeed events) {
    this(vertx, host, options, authority, revocations, events, BridgeContract.MAX_CLIENTS);
  }

  /** @param maxClients connections served at once */
  public BridgeServer(Vertx vertx, String host, NetServerOptions options, X509Certificate authority,
      Revocations revocations, EventFeed events, int maxClients) {
    this.vertx = vertx;
    this.host = host;
    this.options = new NetServerOptions(options)
        .setTrustOptions(TrustOptions.wrap(RevocationTrust.of(authority, revocations)));
    this.revocations = revocations;
    this.events = events;
    this.slots = new ClientSlots<>(maxClients);
    revocations.onRevoked(revocation -> closeRevoked());
  }

  /** Listens now; when the port is held by another process, says so and tries again until it is free. */
  public Future<Void> listen() {
    return listenOnce().recover(e -> {
      LOG.warning(options.getHost() + ":" + options.getPort() + " is held by another process ("
          + e.getMessage() + "): the bridge is not served here until it is free");
      retry();
      return Future.succeededFuture();
    });
  }

  /** Listens, failing when the port cannot be bound. */
  Future<Void> listenOnce() {
    NetServer made = vertx.createNetServer(options).connectHandler(this::connected);
    return made.listen().onSuccess(s -> server = s).mapEmpty();
  }

  /** How long to wait between tries at a held port: tests wait less. */
  BridgeServer retryEvery(long millis) {
    this.retryMillis = millis;
    return this;
  }

  private void retry() {
    vertx.setTimer(retryMillis, t -> listenOnce()
        .onSuccess(v -> LOG.info("the bridge is served on " + options.getHost() + ":" + options.getPort()))
        .onFailure(e -> retry()));
  }

  /** The port the bridge listens on now (the kernel's pick where the options say 0), or -1. */
  public int port() {
    NetServer listening = server;
    return listening == null ? -1 : listening.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Clients connected now. */
  public int clients() {
    synchronized (slots) {
      return slots.taken();
    }
  }

  /** Events dropped for slow clients since the start. */
  public long dropped() {
    return dropped.get();
  }

  private void connected(NetSocket socket) {
    BridgeClient client = client(socket);
    long[] expiry = {-1};
    BridgeConnection[] made = new BridgeConnection[1];
    BridgeConnection connection = new BridgeConnection(vertx, socket, client, host, events,
        dropped::incrementAndGet, () -> {
          synchronized (slots) {
            slots.release(client.serial(), made[0]);
          }
          open.remove(made[0]);
          vertx.cancelTimer(expiry[0]);
        });
    made[0] = connection;
    connection.start();
    open.add(connection); // first: a revocation from now on finds it
    // the handshake checked the revocations; one may have come between it and now
    String revoked = revocations.refusal(client.name(), client.serial(), client.notBefore());
    if (revoked != null) {
      connection.close(revoked);
      return;
    }
    ClientSlots.Admission<BridgeConnection> admission;
    synchronized (slots) {
      admission = slots.admit(client.serial(), connection);
    }
    if (admission instanceof ClientSlots.Admission.Refuse<BridgeConnection> refuse) {
      connection.close(refuse.why());
      return;
    }
    if (admission instanceof ClientSlots.Admission.Evict<BridgeConnection> evict) {
      evict.evicted().close("this agent's clients are full, and this credential holds more "
          + "of them than another that connected: its oldest connection makes room");
    }
    long untilExpiry = Duration.between(Instant.now(), client.notAfter()).toMillis();
    if (untilExpiry < LONGEST_TIMER_MILLIS) {
      expiry[0] = vertx.setTimer(Math.max(1, untilExpiry), t -> connection.close(
          "the credential " + client.name() + " expired at " + client.notAfter()));
    }
  }

  /** Closes every open connection whose credential is refused now. */
  private void closeRevoked() {
    for (BridgeConnection connection : open) {
      BridgeClient client = connection.client();
      String refusal = revocations.refusal(client.name(), client.serial(), client.notBefore());
      if (refusal != null) {
        connection.close(refusal);
      }
    }
  }

  private static BridgeClient client(NetSocket socket) {
    return BridgeClient.of(chain(socket));
  }

  private static List<Certificate> chain(NetSocket socket) {
    try {
      return socket.sslSession() == null ? null : List.of(socket.sslSession().getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
