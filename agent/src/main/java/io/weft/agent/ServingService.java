package io.weft.agent;

import io.weft.agent.cluster.ClusterNode;
import io.weft.common.agent.AgentArguments;
import io.weft.common.net.Cidr;
import java.util.concurrent.TimeUnit;

/**
 * What the joined agent serves ({@link AgentServices}): its host's commands and address blocks
 * on the bus, fleet questions, the local API, the bridge, and metrics. Stops with the cluster
 * node's Vert.x.
 */
final class ServingService implements Service {

  private final ClusterService cluster;
  private final AgentArguments options;
  private final Cidr underlay;
  private AgentServices services;

  /** @param underlay the network this host's underlay address is on */
  ServingService(ClusterService cluster, AgentArguments options, Cidr underlay) {
    this.cluster = cluster;
    this.options = options;
    this.underlay = underlay;
  }

  @Override
  public String name() {
    return "bus and API";
  }

  @Override
  public void start() throws Exception {
    ClusterNode node = cluster.node();
    services = AgentServices.start(node.vertx(), node.hazelcast(), options, underlay, cluster.record(),
            cluster.events(), cluster.keys(), node.ports())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    services.metrics().refusedConnections(node::refusedConnections);
    services.metrics().refusedHandshakes(node::refusedHandshakes);
  }

  AgentServices services() {
    return services;
  }
}
