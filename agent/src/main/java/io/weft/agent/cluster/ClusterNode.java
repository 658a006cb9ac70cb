package io.weft.agent.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.weft.common.agent.AgentArguments;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * This agent as a member of the fleet: a clustered Vert.x over Hazelcast, bound to the host's
 * advertised address (Hazelcast on {@value ClusterPorts#HAZELCAST}, the event bus on
 * {@value ClusterPorts#EVENT_BUS}).
 */
public final class ClusterNode implements AutoCloseable {

  private static final Duration LEAVE_BOUND = Duration.ofSeconds(8);
  private static final int EVENT_LOOPS = 2;
  /** Commands run one at a time per host (ordered), so a few workers are plenty. */
  private static final int WORKERS = 4;
  /** The cluster manager's blocking calls (subscriptions, maps) run here. */
  private static final int INTERNAL_BLOCKING = 8;

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final AgentArguments options;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, AgentArguments options) {
    this.vertx = vertx;
    this.manager = manager;
    this.options = options;
  }

  /** Joins the cluster through {@code joinCandidates}, or starts one alone when none answers. */
  public static ClusterNode join(AgentArguments options, Collection<String> joinCandidates)
      throws Exception {
    HazelcastClusterManager manager =
        new HazelcastClusterManager(HazelcastSettings.of(options.name(), options.advertise(), joinCandidates));
    String host = options.advertise().toString();
    // two event loops and a small worker pool: the agent serves a few requests at a time
    VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS)
        .setWorkerPoolSize(WORKERS).setInternalBlockingPoolSize(INTERNAL_BLOCKING)
        .setEventBusOptions(new EventBusOptions()
        .setHost(host).setPort(ClusterPorts.EVENT_BUS)
        .setClusterPublicHost(host).setClusterPublicPort(ClusterPorts.EVENT_BUS));
    Vertx vertx = Vertx.builder().with(vertxOptions).withClusterManager(manager).buildClustered()
        .toCompletionStage().toCompletableFuture().get();
    return new ClusterNode(vertx, manager, options);
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
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

  /** Leaves the cluster: Vert.x closes, and with it the Hazelcast member. */
  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture()
        .get(LEAVE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
  }
}
