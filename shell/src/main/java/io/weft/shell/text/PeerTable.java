package io.weft.shell.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One row of the peer table, as `weft peers` and the shell print it. */
public final class PeerTable {

  private PeerTable() {}

  /**
   * The table: a row per peer, each other host's path from the wire's view at its end, then a
   * row per host whose agent is gone but whose data plane still carries traffic.
   */
  public static List<String> rows(JsonObject view, JsonObject wire) {
    List<String> rows = new ArrayList<>();
    JsonArray wireHosts = wire.getJsonArray("hosts", new JsonArray());
    Set<String> listed = new HashSet<>();
    for (Object row : view.getJsonArray("peers", new JsonArray())) {
      JsonObject p = (JsonObject) row;
      String name = p.getString("name");
      listed.add(name);
      boolean self = name.equals(view.getString("host"));
      rows.add(row(p, self) + (self ? "" : path(find(wireHosts, name))));
    }
    for (Object o : wireHosts) {
      JsonObject h = (JsonObject) o;
      if (!listed.contains(h.getString("name"))) {
        rows.add(String.format(Locale.ROOT, "%-16s %-15s agent gone, data plane up%s",
            h.getString("name"), h.getString("address"), path(h)));
      }
    }
    return rows;
  }

  private static JsonObject find(JsonArray hosts, String name) {
    for (Object o : hosts) {
      if (o instanceof JsonObject h && name.equals(h.getString("name"))) {
        return h;
      }
    }
    return null;
  }

  /** {@code   direct, encrypted} or {@code   relayed via host2, plain}; nothing without a view. */
  static String path(JsonObject host) {
    if (host == null) {
      return "";
    }
    String via = host.getString("via");
    return "  " + (via == null ? "direct" : "relayed via " + via)
        + (host.getBoolean("encrypted", false) ? ", encrypted" : ", plain");
  }

  public static String row(JsonObject peer, boolean thisHost) {
    return String.format(Locale.ROOT, "%-16s %-15s since %s  %s  %s%s", peer.getString("name"),
        peer.getString("address"), peer.getString("since"), peer.getString("version"),
        peer.getString("health", "ok"), thisHost ? "  (this host)" : "");
  }
}
