package io.weft.agent.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One host of the fleet as the shared peer map holds it (as JSON text, so any member reads it
 * without weft's classes). Present while the host is a member of the cluster.
 *
 * @param name the host's name in the fleet
 * @param address its underlay IPv4 address
 * @param network the underlay network that address is on, {@code 172.29.0.0/24}; null in the
 *     entry of an agent older than this field
 * @param vtep its VXLAN tunnel endpoint
 * @param version its agent's version
 * @param since when it joined, ISO-8601
 * @param health {@value #HEALTHY}, or what is wrong with its overlay, as its agent last checked
 * @param member its Hazelcast member UUID: how a departed member's entry is found
 */
public record PeerRecord(String name, String address, String network, Vtep vtep, String version,
    String since, String health, String member) {

  public static final String HEALTHY = "ok";

  public PeerRecord withMember(String member) {
    return new PeerRecord(name, address, network, vtep, version, since, health, member);
  }

  public PeerRecord withHealth(String health) {
    return new PeerRecord(name, address, network, vtep, version, since, health, member);
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("address", address).put("network", network)
        .put("vtep", vtep.toJson())
        .put("version", version).put("since", since).put("health", health).put("member", member);
  }

  public static PeerRecord fromJson(String text) {
    JsonObject j = new JsonObject(text);
    return new PeerRecord(j.getString("name"), j.getString("address"), j.getString("network"),
        Vtep.fromJson(j.getJsonObject("vtep")), j.getString("version"), j.getString("since"),
        j.getString("health", HEALTHY), j.getString("member"));
  }
}
