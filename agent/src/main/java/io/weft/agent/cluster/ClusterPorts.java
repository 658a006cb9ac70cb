package io.weft.agent.cluster;

/**
 * The TCP ports the agents speak to each other on, all mutual TLS (VXLAN's UDP port is the
 * overlay's).
 */
public final class ClusterPorts {

  /**
   * This host's Hazelcast (membership, heartbeats and the shared maps), member protocol alone,
   * every connection in mutual TLS. Weave's port, as a nod.
   */
  public static final int MEMBERS = 6783;
  /** Vert.x's clustered event bus: commands and replies. */
  public static final int EVENT_BUS = 6785;

  private ClusterPorts() {}
}
