package io.weft.agent.wire;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * One host's entry in the fleet's replicated map {@value WireMap#MAP}: what the other hosts need
 * to reach it over WireGuard, and what it hears. Unlike its peer record, it stays when the host's
 * agent dies: the host's data plane lives on without its agent, and the others keep reaching it
 * while it answers. The host takes it out when it leaves for good; rmpeer's tombstone drops it too.
 *
 * @param name the host's name in the fleet
 * @param address its underlay address: VXLAN's and WireGuard's endpoint
 * @param key its WireGuard public key, base64
 * @param port its WireGuard UDP port
 * @param encrypt whether it encrypts all traffic (its fleet's choice, as it knows it)
 * @param implementation {@code kernel} or {@code wireguard-go}, and why, for {@code weft status}
 * @param heard the hosts it hears, or has stopped hearing, over WireGuard
 */
public record WireRecord(String name, String address, String key, int port, boolean encrypt,
    String implementation, Map<String, Reach> heard) {

  public WireRecord {
    heard = Map.copyOf(heard);
  }

  public Reach heard(String host) {
    return heard.get(host);
  }

  public WireRecord withHeard(Map<String, Reach> heard) {
    return new WireRecord(name, address, key, port, encrypt, implementation, heard);
  }

  public JsonObject toJson() {
    JsonObject heardJson = new JsonObject();
    new TreeMap<>(heard).forEach((host, reach) -> heardJson.put(host, reach.text()));
    return new JsonObject().put("name", name).put("address", address).put("key", key)
        .put("port", port).put("encrypt", encrypt).put("implementation", implementation)
        .put("heard", heardJson);
  }

  /** The entry as the map holds it; an IllegalArgumentException when it does not read. */
  public static WireRecord fromJson(String text) {
    try {
      JsonObject j = new JsonObject(text);
      Map<String, Reach> heard = new TreeMap<>();
      JsonObject h = j.getJsonObject("heard", new JsonObject());
      for (String host : h.fieldNames()) {
        Reach reach = Reach.of(h.getString(host));
        if (reach != null) {
          heard.put(host, reach);
        }
      }
      WireRecord r = new WireRecord(j.getString("name"), j.getString("address"), j.getString("key"),
          j.getInteger("port", 0), j.getBoolean("encrypt", true), j.getString("implementation"), heard);
      if (r.name() == null || r.address() == null || r.key() == null || r.port() <= 0 || r.port() > 0xffff) {
        throw new IllegalArgumentException("a wire entry without name, address, key or port");
      }
      return r;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a wire entry: " + e.getMessage(), e);
    }
  }
}
