package io.weft.agent.tunnel;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.CloseFuture;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.weft.agent.tls.FleetTls;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * vertx-hazelcast's cluster manager with the TLS tunnel around Hazelcast. Before Hazelcast
 * starts, the gateway listens, a forwarder listens for every join candidate, and the candidates
 * are asked who their members are (a joiner that Hazelcast sends to a master it has not met
 * needs a forwarder for it). If every candidate that answered turned out to be of another fleet,
 * a host with no fleet of its own yet fails to join with {@link ErrorCode#FLEET_REFUSED}: it was
 * launched with the wrong password. (A host that has one goes on alone, as when its peers are
 * away, and says so in its log: a restart must not turn into a refusal loop.) Once
 * Hazelcast runs, forwarders follow its membership events and a reconciliation every second.
 *
 * <p>All of it closes only after Hazelcast has left: Vert.x closes what was made on its own
 * contexts before it leaves the cluster, so the tunnel lives on a context with a close future of
 * its own (Vert.x's internal API: the public alternative is a second Vertx instance). Everything
 * runs on Vert.x's event loops: no thread per connection.
 */
public final class ForwardingClusterManager extends HazelcastClusterManager {

  private static final Logger LOG = Logger.getLogger(ForwardingClusterManager.class.getName());
  private static final long RECONCILE_MS = 1000;
  /** Until Hazelcast has joined, the candidates are asked for their members this often. */
  private static final long DIRECTORY_MS = 1000;
  private static final int CONNECT_TIMEOUT_MS = 2000;

  private final FleetTls tls;
  private final TunnelledNetwork network;
  private final int gatewayPort;
  private final boolean newHost;
  private final CloseFuture tunnelClose = new CloseFuture();
  private final Set<Inet4Address> foreign = ConcurrentHashMap.newKeySet();
  private volatile Set<Inet4Address> candidates;
  private ContextInternal tunnelContext;
  private PeerForwarders forwarders;
  private TlsGateway gateway;
  private PeerDirectory directory;
  private long reconcileTimer = -1;
  private long directoryTimer = -1;
  /** A round of {@link #askCandidates} is under way (one at a time: a round may take 5 s). */
  private boolean asking;

  /**
   * @param network {@code config}'s network, as {@link TunnelledNetwork#apply} set it up
   * @param gatewayPort the gateway's port, on this host's underlay address
   * @param candidates the hosts to join through, by underlay address
   * @param newHost whether this host has no fleet of its own yet (its first start)
   */
  public ForwardingClusterManager(Config config, TunnelledNetwork network, FleetTls tls,
      int gatewayPort, Collection<Inet4Address> candidates, boolean newHost) {
    super(config);
    this.tls = tls;
    this.network = network;
    this.gatewayPort = gatewayPort;
    this.newHost = newHost;
    this.candidates = Set.copyOf(candidates);
    // a listener in the configuration hears of the members found while joining, too
    config.addListenerConfig(new ListenerConfig(new Follower()));
  }

  @Override
  public void init(Vertx vertx) {
    super.init(vertx);
    tunnelContext = ((VertxInternal) vertx).contextBuilder().withCloseFuture(tunnelClose).build();
  }

  @Override
  public void join(Completable<Void> promise) {
    Promise<Void> tunnelUp = Promise.promise();
    tunnelContext.runOnContext(v -> startTunnel().onComplete(tunnelUp));
    tunnelUp.future().onComplete(ar -> {
      if (ar.failed()) {
        promise.fail(ar.cause());
        return;
      }
      Promise<Void> joined = Promise.promise();
      super.join(joined);
      joined.future().onSuccess(x -> tunnelContext.runOnContext(v -> reconcileTimer =
          tunnelContext.owner().setPeriodic(RECONCILE_MS, t -> reconcile()))).onComplete(promise);
    });
  }

  /**
   * The join candidates changed: Hazelcast tries them from its next join or merge search on, and
   * a forwarder for each is made now. Any thread.
   *
   * @param addresses IPv4 literals
   */
  public void setCandidates(Collection<String> addresses) {
    Set<Inet4Address> now = new LinkedHashSet<>();
    for (String address : addresses) {
      Inet4Address a = LoopbackMapping.ipv4(address);
      if (LoopbackMapping.isMappable(a)) {
        now.add(a);
      } else {
        LOG.warning("cannot tunnel to " + address + ": it has no loopback alias");
      }
    }
    candidates = Set.copyOf(now);
    network.setCandidates(now);
    if (forwarders != null) {
      now.forEach(c -> ensure(c, "candidate"));
    }
  }

  /** Connections the gateway dropped at the handshake since the start. */
  public long refusedConnections() {
    return gateway == null ? 0 : gateway.refused();
  }

  private Future<Void> startTunnel() {
    Vertx vertx = tunnelContext.owner();
    Inet4Address self = network.self();
    forwarders = new PeerForwarders(vertx,
        vertx.createNetClient(tls.client(CONNECT_TIMEOUT_MS, TunnelProtocols.HAZELCAST)),
        network.mapping(), self, gatewayPort);
    directory = new PeerDirectory(vertx,
        vertx.createNetClient(tls.client(CONNECT_TIMEOUT_MS, TunnelProtocols.PEERS)), gatewayPort);
    gateway = new TlsGateway(vertx, tls,
        SocketAddress.inetSocketAddress(gatewayPort, self.getHostAddress()),
        network.mapping().loopbackOf(self), p -> ensure(p, "gateway"), this::memberAddresses);
    // a forwarder that cannot listen is said in the log; Hazelcast treats its peer as away
    return gateway.start()
        .compose(v -> Future.join(candidates.stream()
            .map(c -> forwarders.ensure(c, "candidate")).toList()).<Void>mapEmpty()
            .recover(e -> Future.succeededFuture()))
        .compose(v -> askCandidates(true))
        .onSuccess(v -> directoryTimer = vertx.setPeriodic(DIRECTORY_MS, t -> {
          if (isRunning()) {
            vertx.cancelTimer(directoryTimer);
          } else if (!asking) {
            askCandidates(false);
          }
        }));
  }

  /**
   * Makes forwarders for every member any candidate knows. Fails only on a new host's first
   * round, and only when no candidate answered but some refused this host's certificate.
   */
  private Future<Void> askCandidates(boolean firstRound) {
    asking = true;
    List<Inet4Address> asked = List.copyOf(candidates);
    List<Future<List<Inet4Address>>> answers = asked.stream().map(directory::membersOf).toList();
    return Future.join(answers).transform(done -> {
      asking = false;
      List<Inet4Address> refusing = new ArrayList<>();
      List<Future<?>> made = new ArrayList<>();
      for (int i = 0; i < asked.size(); i++) {
        Inet4Address candidate = asked.get(i);
        Future<List<Inet4Address>> answer = answers.get(i);
        if (answer.succeeded()) {
          answer.result().forEach(m -> made.add(forwarders.ensure(m, "directory of " + candidate)));
        } else if (PeerRefusal.isForeignCertificate(answer.cause())) {
          refusing.add(candidate);
          if (foreign.add(candidate)) {
            LOG.warning(candidate.getHostAddress() + " is of another fleet: its certificate and"
                + " this host's are not signed by the same password");
          }
        }
      }
      if (firstRound && newHost && !refusing.isEmpty()
          && answers.stream().noneMatch(Future::succeeded)) {
        return Future.failedFuture(refused(refusing));
      }
      return Future.join(made).<Void>mapEmpty().recover(e -> Future.succeededFuture());
    });
  }

  private static WeftException refused(List<Inet4Address> refusing) {
    String who = String.join(" ", refusing.stream().map(Inet4Address::getHostAddress).toList());
    return new WeftException(ErrorCode.FLEET_REFUSED, "the fleet at " + who + " refused this host:"
        + " it was launched with another fleet password than that fleet's");
  }

  private boolean isRunning() {
    HazelcastInstance hz = getHazelcastInstance();
    return hz != null && hz.getLifecycleService().isRunning();
  }

  /** The underlay addresses of this cluster's members (this host's alone before it joins). */
  private List<Inet4Address> memberAddresses() {
    if (!isRunning()) {
      return List.of(network.self());
    }
    List<Inet4Address> all = new ArrayList<>();
    for (Member m : getHazelcastInstance().getCluster().getMembers()) {
      Inet4Address a = underlayOf(m);
      if (a != null) {
        all.add(a);
      }
    }
    return all;
  }

  /** Makes a forwarder on the tunnel's context (callers may be Hazelcast's threads). */
  private Future<Void> ensure(Inet4Address peer, String reason) {
    Promise<Void> done = Promise.promise();
    tunnelContext.runOnContext(v -> forwarders.ensure(peer, reason).onComplete(done));
    return done.future();
  }

  /** The underlay address behind a member's alias; null for an address that is none of ours. */
  private Inet4Address underlayOf(Member member) {
    try {
      Inet4Address alias = LoopbackMapping.ipv4(member.getAddress().getHost());
      return network.mapping().underlayOf(alias, member.getAddress().getPort());
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }

  private void reconcile() {
    if (!isRunning()) {
      return;
    }
    Set<Inet4Address> present = forwarders.peers();
    for (Member m : getHazelcastInstance().getCluster().getMembers()) {
      Inet4Address peer = underlayOf(m);
      if (peer != null && !m.localMember() && !present.contains(peer)) {
        LOG.info("a forwarder was missing for member " + peer.getHostAddress());
        ensure(peer, "reconcile");
      }
    }
  }

  @Override
  public void leave(Completable<Void> promise) {
    Promise<Void> left = Promise.promise();
    super.leave(left);
    left.future().eventually(() -> {
      Promise<Void> closed = Promise.promise();
      tunnelContext.runOnContext(v -> {
        tunnelContext.owner().cancelTimer(reconcileTimer);
        tunnelContext.owner().cancelTimer(directoryTimer);
        tunnelClose.close(closed);
      });
      return closed.future();
    }).onComplete(promise);
  }

  /** Membership events: a forwarder for every member, as soon as Hazelcast tells. */
  private final class Follower implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      Inet4Address peer = underlayOf(event.getMember());
      if (forwarders != null && peer != null) {
        ensure(peer, "membership");
      }
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      // kept: the member may come back (a restart, a healed split)
    }
  }
}
