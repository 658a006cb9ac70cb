package io.weft.agent.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.weft.agent.tls.FleetKeys;
import io.weft.agent.tunnel.ForwardingClusterManager;
import io.weft.agent.tunnel.LoopbackMapping;
import io.weft.agent.tunnel.TunnelledNetwork;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentArguments;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * This agent as a member of the fleet: a clustered Vert.x over Hazelcast, every byte between
 * hosts in mutual TLS with the fleet's keys. Hazelcast listens on a loopback alias of the
 * host's advertised address and is reached through the tunnel's gateway on {@value
 * ClusterPorts#GATEWAY}; the event bus does TLS itself on {@value ClusterPorts#EVENT_BUS}, its
 * frames bounded ({@link FrameLimit}).
 */
public final class ClusterNode implements AutoCloseable {

  private static final Duration LEAVE_BOUND = Duration.ofSeconds(8);
  private static final int EVENT_LOOPS = 2;
  /** Commands run one at a time per host (ordered), so a few workers are plenty. */
  private static final int WORKERS = 4;
  /** The cluster manager's blocking calls (subscriptions, maps) run here. */
  private static final int INTERNAL_BLOCKING = 8;

  private final Vertx vertx;
  private final ForwardingClusterManager manager;
  private final AgentArguments options;

  private ClusterNode(Vertx vertx, ForwardingClusterManager manager, AgentArguments options) {
    this.vertx = vertx;
    this.manager = manager;
    this.options = options;
  }

  /**
   * Joins the cluster through {@code joinCandidates}, or starts one alone when none answers.
   * A new host (no fleet of its own yet) fails with {@code FLEET_REFUSED} when the candidates
   * that answered are all of another fleet.
   */
  public static ClusterNode join(AgentArguments options, Collection<String> joinCandidates,
      FleetKeys keys, boolean newHost) throws Exception {
    Inet4Address self = LoopbackMapping.ipv4(options.advertise().toString());
    List<Inet4Address> candidates = joinCandidates.stream().map(LoopbackMapping::ipv4)
        .filter(LoopbackMapping::isMappable).toList();
    Config config = HazelcastSettings.of(options.name(), keys.clusterName());
    TunnelledNetwork network = TunnelledNetwork.apply(config, new LoopbackMapping(), self, candidates);
    ForwardingClusterManager manager = new ForwardingClusterManager(config, network, keys.tls(),
        ClusterPorts.GATEWAY, candidates, newHost);
    String host = options.advertise().toString();
    // two event loops and a small worker pool: the agent serves a few requests at a time
    VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS)
        .setWorkerPoolSize(WORKERS).setInternalBlockingPoolSize(INTERNAL_BLOCKING)
        .setEventBusOptions(keys.tls().eventBus(new EventBusOptions()
            .setHost(host).setPort(ClusterPorts.EVENT_BUS)
            .setClusterPublicHost(host).setClusterPublicPort(ClusterPorts.EVENT_BUS)));
    try {
      Vertx vertx = Vertx.builder().with(vertxOptions).withClusterManager(manager)
          .withTransport(LimitedTransport.forEventBus(ClusterPorts.EVENT_BUS)).buildClustered()
          .toCompletionStage().toCompletableFuture().get();
      return new ClusterNode(vertx, manager, options);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WeftException refused) {
        throw refused;
      }
      throw e;
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  /** Where the join candidates go: Hazelcast's list, and the tunnel that reaches them. */
  public void setJoinCandidates(Collection<String> addresses) {
    manager.setCandidates(addresses);
  }

  /** Connections dropped at the tunnel's handshake since the start: strangers, other fleets. */
  public long refusedConnections() {
    return manager.refusedConnections();
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

  /** Leaves the cluster: Vert.x closes, and with it the Hazelcast member and the tunnel. */
  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture()
        .get(LEAVE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
  }
}
