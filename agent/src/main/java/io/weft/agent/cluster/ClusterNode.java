package io.weft.agent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.weft.agent.hazelcast.MemberNetwork;
import io.weft.agent.hazelcast.TlsMember;
import io.weft.agent.hazelcast.TlsSettings;
import io.weft.agent.ports.HandshakeGate;
import io.weft.agent.ports.PortHolder;
import io.weft.agent.ports.PortRedirects;
import io.weft.agent.tls.FleetKeys;
import io.weft.agent.vertx.LimitedTransport;
import io.weft.agent.tls.FleetTls;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentArguments;
import io.weft.common.net.Ipv4;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * This agent as a member of the fleet: a clustered Vert.x over Hazelcast, every byte between
 * hosts in mutual TLS with the fleet's keys. Hazelcast listens on the host's underlay address,
 * port {@value ClusterPorts#MEMBERS} (redirected to a port the kernel picks: {@link
 * PortRedirects}), and wraps every member connection in TLS itself ({@link TlsMember}); the
 * event bus does TLS itself on {@value ClusterPorts#EVENT_BUS}, its frames bounded. Hazelcast
 * is started here, before Vert.x, and shut down here after Vert.x has left.
 */
public final class ClusterNode implements AutoCloseable, CutOffWitness.Members {

  private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
  private static final Duration LEAVE_BOUND = Duration.ofSeconds(8);
  /**
   * A join candidate that does not answer within this long is taken as away, and the agent goes
   * on alone. 2 s was too short for a member on a loaded machine: the fourteenth of fourteen
   * agents on two cores, its TLS handshake with host1 not done in 2 s, went alone, and its merge
   * attempts every 5 s kept the machine overloaded (docs/operations.md, size).
   */
  private static final int JOIN_CONNECT_TIMEOUT_SECONDS = 5;
  private static final Duration PROBE_BOUND = Duration.ofSeconds(2);
  /** How long a joined member waits for its connections before it takes partitions anyway. */
  private static final Duration CONNECTED_BOUND = Duration.ofSeconds(10);
  /**
   * A peer whose kernel has acknowledged nothing this member sent for this long is gone or cut
   * off, and is suspected at once. Heartbeats go every second, so a dead host is noticed within
   * about 9 s, while a live one, however slow its JVM, is never suspected this way. It must
   * outlast the wire's move of a pair cut apart to a relay (1 s of silence, then the fleet's
   * entries and routes: 1-2 s, over 5 s on a loaded host), and the seconds a restarted agent's
   * pairs take to settle, or the cluster splits first: at 4 s, whole test runs on two busy cores
   * saw both, about one run in two.
   */
  static final Duration UNACKNOWLEDGED_BOUND = Duration.ofMillis(8000);
  private static final int EVENT_LOOPS = 2;
  /** Commands run one at a time per host (ordered), so a few workers are plenty. */
  private static final int WORKERS = 4;
  /** The cluster manager's blocking calls (subscriptions, maps) run here. */
  private static final int INTERNAL_BLOCKING = 8;

  private final Vertx vertx;
  private final TlsMember member;
  private final MemberNetwork network;
  private final AgentArguments options;
  private final PortRedirects ports;
  private final HandshakeGate handshakes;

  private ClusterNode(Vertx vertx, TlsMember member, MemberNetwork network, AgentArguments options,
      PortRedirects ports, HandshakeGate handshakes) {
    this.vertx = vertx;
    this.member = member;
    this.network = network;
    this.options = options;
    this.ports = ports;
    this.handshakes = handshakes;
  }

  /** As below, the member and the event bus listening on their public ports themselves. */
  public static ClusterNode join(AgentArguments options, Collection<String> joinCandidates,
      FleetKeys keys, boolean newHost) throws Exception {
    return join(options, joinCandidates, keys, newHost, PortRedirects.NONE);
  }

  /**
   * Joins the cluster through {@code joinCandidates}, or starts one alone when none answers.
   * A new host (no fleet of its own yet) fails with {@code FLEET_REFUSED} when the candidates
   * that answered are all of another fleet.
   *
   * @param ports where the member and the event bus listen on ports the kernel picks, their public
   *     ports are redirected to them as each is bound, before any peer is told of it
   */
  public static ClusterNode join(AgentArguments options, Collection<String> joinCandidates,
      FleetKeys keys, boolean newHost, PortRedirects ports) throws Exception {
    String host = options.advertise().toString();
    InetSocketAddress self = memberAddress(host);
    List<InetSocketAddress> candidates = joinCandidates.stream().map(ClusterNode::memberAddress)
        .filter(c -> !c.equals(self)).toList();
    SSLContext tls = keys.tls().identity().sslContext();
    Config config = HazelcastSettings.of(options.name(), keys.clusterName());
    MemberNetwork network = MemberNetwork.apply(config, self, ports.bindPort(ClusterPorts.MEMBERS),
        candidates, JOIN_CONNECT_TIMEOUT_SECONDS);
    SecretLogs.hide(keys.clusterName());

    // Hazelcast starts on a thread of its own while Vert.x sets itself up here: Vert.x's join
    // waits for the member (DeferredClusterManager), so on two cores the two starts overlap.
    // the handshakes under way on the member's, the event bus's and the bridge's ports, bounded
    // per source and in all
    HandshakeGate handshakes = new HandshakeGate();
    CompletableFuture<TlsMember> member = new CompletableFuture<>();
    Thread starting = new Thread(() -> {
      try {
        member.complete(startMember(config, network, tls, self, candidates, newHost, options.name(),
            ports, handshakes));
      } catch (Throwable e) {
        member.completeExceptionally(e);
      }
    }, "weft-join");
    starting.start();
    CompletableFuture<ClusterManager> manager =
        member.thenApply(m -> new HazelcastClusterManager(m.instance()));

    // two event loops and a small worker pool: the agent serves a few requests at a time
    int eventBusPort = ports.bindPort(ClusterPorts.EVENT_BUS);
    VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS)
        .setWorkerPoolSize(WORKERS).setInternalBlockingPoolSize(INTERNAL_BLOCKING)
        .setEventBusOptions(keys.tls().eventBus(new EventBusOptions()
            .setHost(host).setPort(eventBusPort)
            .setClusterPublicHost(host).setClusterPublicPort(ClusterPorts.EVENT_BUS)));
    CompletableFuture<Integer> eventBusBound = new CompletableFuture<>();
    try {
      Vertx vertx = Vertx.builder().with(vertxOptions)
          .withClusterManager(new DeferredClusterManager(manager))
          .withTransport(
              LimitedTransport.forEventBus(eventBusPort, eventBusBound::complete, handshakes))
          .buildClustered().toCompletionStage().toCompletableFuture().get();
      // nothing is sent to this node's event bus before a consumer of its registers, after this
      ports.redirect(ClusterPorts.EVENT_BUS,
          eventBusBound.get(PROBE_BOUND.toMillis(), TimeUnit.MILLISECONDS));
      StartTimes.phase("Vert.x clustered");
      return new ClusterNode(vertx, member.join(), network, options, ports, handshakes);
    } catch (Exception e) {
      starting.join();
      if (!member.isCompletedExceptionally()) {
        member.join().instance().shutdown();
      }
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof WeftException refusedOrHeld) {
          throw refusedOrHeld;
        }
      }
      WeftException held = portHeld(e, new InetSocketAddress(self.getAddress(), ClusterPorts.EVENT_BUS));
      throw held != null ? held : e;
    }
  }

  /**
   * The TLS exchange with the candidates, then the member. A new host whose candidates all
   * refuse it is refused ({@code FLEET_REFUSED}) before Hazelcast starts; a host that has a fleet
   * of its own goes on alone then, as when its peers are away. When no candidate's host answered
   * a connection at all, the member starts alone at once rather than after Hazelcast's join has
   * waited on them, and its merge searches try them from then on.
   */
  private static TlsMember startMember(Config config, MemberNetwork network, SSLContext tls,
      InetSocketAddress self, List<InetSocketAddress> candidates, boolean newHost, String name,
      PortRedirects ports, HandshakeGate handshakes) throws InterruptedException {
    FleetProbe.Outcome probe = FleetProbe.probe(tls, candidates, PROBE_BOUND);
    StartTimes.phase("TLS warm-up with " + candidates.size() + " candidates");
    if (probe.refusedEverywhere()) {
      if (newHost) {
        throw refused(probe.refused());
      }
      LOG.warning("the candidates " + addresses(probe.refused()) + " are of another fleet:"
          + " going on alone with this host's own fleet");
    }
    // a joining member owns partitions only once it can take them: see ownPartitionsOnceConnected
    config.setLiteMember(!candidates.isEmpty());
    boolean alone = probe.reachedNone();
    if (alone) {
      LOG.info("no host of " + addresses(probe.unreachable()) + " answered: starting alone, and"
          + " joining them once one does");
      network.setCandidates(List.of());
    }
    TlsMember member = start(config, "weft-" + name, tls, self, ports, handshakes);
    if (alone) {
      network.setCandidates(candidates);
    }
    StartTimes.phase("Hazelcast started and joined a cluster of "
        + member.instance().getCluster().getMembers().size());
    member.ownPartitionsOnceConnected(CONNECTED_BOUND);
    StartTimes.phase("connected to every member, owning partitions");
    return member;
  }

  /** @param name the instance's, which Hazelcast puts in its threads' names (not the cluster's) */
  private static TlsMember start(Config config, String name, SSLContext tls, InetSocketAddress self,
      PortRedirects ports, HandshakeGate handshakes) {
    try {
      return TlsMember.startTelling(config, name, new TlsSettings(tls,
          Duration.ofMillis(FleetTls.HANDSHAKE_TIMEOUT_MS), UNACKNOWLEDGED_BOUND, handshakes),
          bound -> ports.redirect(ClusterPorts.MEMBERS, bound));
    } catch (RuntimeException e) {
      WeftException held = portHeld(e, self);
      throw held != null ? held : e;
    }
  }

  /**
   * The one-line error for a port another process holds (a squatter can stop the agent starting,
   * and gets nothing else), or null when {@code failure} is something else.
   */
  private static WeftException portHeld(Throwable failure, InetSocketAddress port) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BindException) {
        String holder = PortHolder.uidOf(port).map(uid -> " of uid " + uid).orElse("");
        return new WeftException(ErrorCode.AGENT_FAILED, "cannot listen on " + port.getHostString()
            + ":" + port.getPort() + " for the fleet: the port is held by another process" + holder
            + " (" + t.getMessage() + ")");
      }
    }
    return null;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * TLS connections to the member, the event bus and the bridge closed for too many handshakes
   * under way.
   */
  public long refusedHandshakes() {
    return handshakes.refused();
  }

  /** Where this host's public ports go: the bridge's is redirected as it listens. */
  public PortRedirects ports() {
    return ports;
  }

  public HazelcastInstance hazelcast() {
    return member.instance();
  }

  /** Where the join candidates go: Hazelcast tries them from its next join or merge search on. */
  public void setJoinCandidates(Collection<String> addresses) {
    network.setCandidates(addresses.stream().map(ClusterNode::memberAddress).toList());
  }

  /** Member connections dropped at the TLS handshake since the start: strangers, other fleets. */
  public long refusedConnections() {
    return member.refusedConnections();
  }

  /** The member port of the member {@code uuid} of this cluster, if it is one. */
  @Override
  public Optional<InetSocketAddress> memberPort(UUID uuid) {
    for (Member m : hazelcast().getCluster().getMembers()) {
      if (m.getUuid().equals(uuid) && !m.localMember()) {
        try {
          return Optional.of(m.getAddress().getInetSocketAddress());
        } catch (UnknownHostException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * This host's cut-off witness, its checks run on {@code checks}: it asks the other members,
   * and answers them, over the member connections ({@link MemberWitnesses}).
   */
  public CutOffWitness witness(ExecutorService checks) {
    MemberWitnesses others = new MemberWitnesses(hazelcast());
    CutOffWitness witness = new CutOffWitness(others, hostName(), this, CutOffWitness.connecting(), checks,
        System::nanoTime);
    others.answerWith(witness);
    return witness;
  }

  /** Suspects the member {@code uuid} at once (see {@link CutOffWitness}); whether it was one. */
  @Override
  public boolean suspect(UUID uuid, String reason) {
    return member.suspect(uuid, reason);
  }

  public String hostName() {
    return options.name();
  }

  public AgentArguments options() {
    return options;
  }

  public int clusterSize() {
    return hazelcast().getCluster().getMembers().size();
  }

  /** Leaves the cluster: Vert.x closes first (it leaves through Hazelcast), then the member. */
  @Override
  public void close() throws Exception {
    long end = System.nanoTime() + LEAVE_BOUND.toNanos();
    try {
      vertx.close().toCompletionStage().toCompletableFuture()
          .get(LEAVE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      Thread leaving = new Thread(() -> member.instance().shutdown(), "weft-leave-hazelcast");
      leaving.start();
      leaving.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      if (leaving.isAlive()) {
        member.instance().getLifecycleService().terminate();
      }
      ports.close();
    }
  }

  /** A host's member address: its underlay address (an IPv4 literal, no resolver asked), port 6783. */
  static InetSocketAddress memberAddress(String ipv4) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(Ipv4.parse(ipv4).toBytes()),
          ClusterPorts.MEMBERS);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  private static WeftException refused(List<InetSocketAddress> refusing) {
    return new WeftException(ErrorCode.FLEET_REFUSED, "the fleet at " + addresses(refusing)
        + " refused this host: it was launched with another fleet password than that fleet's");
  }

  private static String addresses(List<InetSocketAddress> list) {
    return String.join(" ", list.stream().map(InetSocketAddress::getHostString).toList());
  }
}
