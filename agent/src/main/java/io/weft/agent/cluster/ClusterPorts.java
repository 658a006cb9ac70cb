package io.weft.agent.cluster;

/**
 * The TCP ports the agents speak to each other on, all mutual TLS (VXLAN's UDP port is the
 * overlay's).
 */
public final class ClusterPorts {

  /**
   * The gateway to this host's Hazelcast (membership, heartbeats and the shared maps), which
   * itself listens on a loopback alias only. Weave's port, as a nod.
   */
  public static final int GATEWAY = 6783;
  /** Vert.x's clustered event bus: commands and replies. */
  public static final int EVENT_BUS = 6785;

  private ClusterPorts() {}
}
