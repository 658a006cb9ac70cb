package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/**
 * A container as attach and detach report it: who it is, its interface on weft, and the addresses
 * it has there now.
 */
public record ContainerView(String id, String name, String iface, List<Cidr> addresses) {

  public ContainerView {
    addresses = List.copyOf(addresses);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("interface", iface)
        .put("addresses", CommandFields.json(addresses));
  }

  public static ContainerView fromJson(JsonObject json) {
    return new ContainerView(json.getString("id"), json.getString("name"),
        json.getString("interface"), CommandFields.cidrList(json, "addresses"));
  }

  /** {@code web (3f2a9c0d1e2b)}. */
  String who() {
    return name + " (" + CommandFields.shortId(id) + ")";
  }
}
