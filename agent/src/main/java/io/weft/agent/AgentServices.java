package io.weft.agent;

import io.weft.agent.cluster.ClusterNode;

/** The agent's services that ride on the cluster, started once the node has joined. */
public final class AgentServices {

  private AgentServices() {}

  public static void start(ClusterNode node) {
    // commands over the bus, allocation, API, metrics start here
  }
}
