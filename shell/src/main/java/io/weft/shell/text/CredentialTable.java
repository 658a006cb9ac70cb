package io.weft.shell.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.text.Table;
import java.time.Instant;
import java.util.List;

/**
 * The fleet's bridge credentials as {@code weft credentials --list} prints them: one row each,
 * under a header, and whether each is still good.
 */
public final class CredentialTable {

  /** The columns, the fields of {@code --format}; {@code -q} prints the names. */
  public static final List<Table.Column> COLUMNS = List.of(
      new Table.Column("Name", "NAME"), new Table.Column("Serial", "SERIAL"),
      new Table.Column("Access", "ACCESS"), new Table.Column("Issued", "ISSUED"),
      new Table.Column("Expires", "EXPIRES"), new Table.Column("By", "BY"),
      new Table.Column("State", "STATE"));

  private CredentialTable() {}

  /** The table of {@code {"credentials": [...]}}, as of {@code now}. */
  public static Table of(JsonObject list, Instant now) {
    Table table = new Table(COLUMNS);
    for (Object item : list.getJsonArray("credentials", new JsonArray())) {
      JsonObject c = (JsonObject) item;
      String state = c.getString("revoked") != null ? "revoked"
          : Instant.parse(c.getString("notAfter")).isBefore(now) ? "expired" : "good";
      table.row(c.getString("name"), c.getString("serial"),
          c.getBoolean("readOnly", true) ? "read-only" : "full", c.getString("issuedAt"),
          c.getString("notAfter"), c.getString("issuedBy"), state);
    }
    return table;
  }
}
