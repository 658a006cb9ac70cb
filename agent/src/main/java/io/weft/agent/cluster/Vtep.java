package io.weft.agent.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A host's VXLAN tunnel endpoint as the other hosts need it: the device's MAC, the network
 * identifier and the UDP port its frames go to.
 */
public record Vtep(String mac, int vni, int port) {

  public JsonObject toJson() {
    return new JsonObject().put("mac", mac).put("vni", vni).put("port", port);
  }

  public static Vtep fromJson(JsonObject json) {
    return json == null ? new Vtep(null, 0, 0)
        : new Vtep(json.getString("mac"), json.getInteger("vni", 0), json.getInteger("port", 0));
  }
}
