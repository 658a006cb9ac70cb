package io.weft.agent.alloc;

import io.vertx.core.json.JsonObject;

/** Who holds an address: a container on a host, or the host's bridge ({@link #EXPOSED}). */
public record Owner(String host, String container) {

  /** The container name of the bridge's addresses. */
  public static final String EXPOSED = "weft:expose";
  /**
   * The container name of the addresses weft's IPAM driver gave Docker: Docker asks for them
   * before it says which container they are for, and gives them back by address alone.
   */
  public static final String DOCKER_NETWORKS = "docker:network";

  public static Owner bridgeOf(String host) {
    return new Owner(host, EXPOSED);
  }

  public static Owner dockerNetworksOf(String host) {
    return new Owner(host, DOCKER_NETWORKS);
  }

  /** Whether the owner is a container weft attached itself: neither a bridge nor Docker's. */
  public boolean isAttachedContainer() {
    return !EXPOSED.equals(container) && !DOCKER_NETWORKS.equals(container);
  }

  JsonObject toJson() {
    return new JsonObject().put("host", host).put("container", container);
  }

  static Owner fromJson(JsonObject json) {
    return new Owner(json.getString("host"), json.getString("container"));
  }

  @Override
  public String toString() {
    if (DOCKER_NETWORKS.equals(container)) {
      return "a Docker network's container on " + host;
    }
    return EXPOSED.equals(container) ? "the bridge of " + host
        : "container " + container.substring(0, Math.min(12, container.length())) + " on " + host;
  }
}
