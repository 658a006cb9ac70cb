package io.weft.shell.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.text.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The peer table, as `weft peers` and the shell print it. */
public final class PeerTable {

  /**
   * The columns, the fields of {@code --format}; {@code SELF} marks the host asked, as docker node
   * ls does; {@code PATH} is how that host's traffic reaches each other host.
   */
  public static final List<Table.Column> COLUMNS = List.of(
      new Table.Column("Name", "NAME"), new Table.Column("Address", "ADDRESS"),
      new Table.Column("Since", "SINCE"), new Table.Column("Version", "VERSION"),
      new Table.Column("Health", "HEALTH"), new Table.Column("Self", "SELF"),
      new Table.Column("Path", "PATH"));

  private PeerTable() {}

  /** The peers of an agent's view, without the data plane's paths. */
  public static Table of(JsonObject view, boolean markSelf) {
    return of(view, new JsonObject(), markSelf);
  }

  /**
   * The peers of an agent's view ({@code {"host": NAME, "peers": [...]}}), the host whose agent
   * answered marked {@code *} when {@code markSelf}, each other host's path from the wire's view
   * at that host, then a row per host whose agent is gone but whose data plane still carries
   * traffic.
   */
  public static Table of(JsonObject view, JsonObject wire, boolean markSelf) {
    Table table = new Table(COLUMNS);
    String self = view.getString("host");
    JsonArray wireHosts = wire.getJsonArray("hosts", new JsonArray());
    Set<String> listed = new HashSet<>();
    for (Object row : view.getJsonArray("peers")) {
      JsonObject p = (JsonObject) row;
      String name = p.getString("name");
      listed.add(name);
      boolean isSelf = name.equals(self);
      table.row(name, p.getString("address"), p.getString("since"), p.getString("version"),
          p.getString("health", "ok"), markSelf && isSelf ? "*" : "", isSelf ? "" : path(find(wireHosts, name)));
    }
    for (Object o : wireHosts) {
      JsonObject h = (JsonObject) o;
      if (!listed.contains(h.getString("name"))) {
        table.row(h.getString("name"), h.getString("address"), "", "", "agent gone, data plane up", "", path(h));
      }
    }
    return table;
  }

  private static JsonObject find(JsonArray hosts, String name) {
    for (Object o : hosts) {
      if (o instanceof JsonObject h && name.equals(h.getString("name"))) {
        return h;
      }
    }
    return null;
  }

  /** {@code direct, encrypted} or {@code relayed via host2, plain}; nothing without a view. */
  static String path(JsonObject host) {
    if (host == null) {
      return "";
    }
    String via = host.getString("via");
    return (via == null ? "direct" : "relayed via " + via)
        + (host.getBoolean("encrypted", false) ? ", encrypted" : ", plain");
  }
}
