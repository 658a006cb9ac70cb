package io.weft.shell.text;

import io.vertx.core.json.JsonObject;
import io.weft.common.text.Table;
import java.util.List;

/** The peer table, as `weft peers` and the shell print it. */
public final class PeerTable {

  /** The columns, the fields of {@code --format}; {@code SELF} marks the host asked, as docker node ls does. */
  public static final List<Table.Column> COLUMNS = List.of(
      new Table.Column("Name", "NAME"), new Table.Column("Address", "ADDRESS"),
      new Table.Column("Since", "SINCE"), new Table.Column("Version", "VERSION"),
      new Table.Column("Health", "HEALTH"), new Table.Column("Self", "SELF"));

  private PeerTable() {}

  /**
   * The peers of an agent's view ({@code {"host": NAME, "peers": [...]}}), the host whose agent
   * answered marked {@code *} when {@code markSelf}.
   */
  public static Table of(JsonObject view, boolean markSelf) {
    Table table = new Table(COLUMNS);
    String self = view.getString("host");
    for (Object row : view.getJsonArray("peers")) {
      JsonObject p = (JsonObject) row;
      table.row(p.getString("name"), p.getString("address"), p.getString("since"),
          p.getString("version"), p.getString("health", "ok"),
          markSelf && p.getString("name").equals(self) ? "*" : "");
    }
    return table;
  }
}
