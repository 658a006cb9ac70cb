package io.weft.agent.alloc;

import io.vertx.core.json.JsonObject;

/** Who holds an address: a container on a host, or the host's bridge ({@link #EXPOSED}). */
public record Owner(String host, String container) {

  /** The container name of the bridge's addresses. */
  public static final String EXPOSED = "weft:expose";

  public static Owner bridgeOf(String host) {
    return new Owner(host, EXPOSED);
  }

  JsonObject toJson() {
    return new JsonObject().put("host", host).put("container", container);
  }

  static Owner fromJson(JsonObject json) {
    return new Owner(json.getString("host"), json.getString("container"));
  }

  @Override
  public String toString() {
    return EXPOSED.equals(container) ? "the bridge of " + host
        : "container " + container.substring(0, Math.min(12, container.length())) + " on " + host;
  }
}
