package io.weft.agent.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One host of the fleet as the shared peer map holds it (as JSON text, so any member reads it
 * without weft's classes). Present while the host is a member of the cluster.
 *
 * @param name the host's name in the fleet
 * @param address its underlay IPv4 address
 * @param vtepMac the MAC of its VXLAN device
 * @param version its agent's version
 * @param since when it joined, ISO-8601
 * @param member its Hazelcast member UUID: how a departed member's entry is found
 */
public record PeerRecord(String name, String address, String vtepMac, String version, String since,
    String member) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("address", address).put("vtepMac", vtepMac)
        .put("version", version).put("since", since).put("member", member);
  }

  public static PeerRecord fromJson(String text) {
    JsonObject j = new JsonObject(text);
    return new PeerRecord(j.getString("name"), j.getString("address"), j.getString("vtepMac"),
        j.getString("version"), j.getString("since"), j.getString("member"));
  }
}
