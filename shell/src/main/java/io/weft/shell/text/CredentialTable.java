package io.weft.shell.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's bridge credentials as {@code weft credentials --list} prints them: one row each,
 * under a header, columns as wide as their widest value, whether each is still good.
 */
public final class CredentialTable {

  private static final List<String> HEADER =
      List.of("NAME", "SERIAL", "ACCESS", "ISSUED", "EXPIRES", "BY", "STATE");

  private CredentialTable() {}

  /** The table of {@code {"credentials": [...]}}, as of {@code now}. */
  public static String of(JsonObject list, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Object item : list.getJsonArray("credentials", new JsonArray())) {
      JsonObject c = (JsonObject) item;
      String state = c.getString("revoked") != null ? "revoked"
          : Instant.parse(c.getString("notAfter")).isBefore(now) ? "expired" : "good";
      rows.add(List.of(c.getString("name"), c.getString("serial"),
          c.getBoolean("readOnly", true) ? "read-only" : "full", c.getString("issuedAt"),
          c.getString("notAfter"), c.getString("issuedBy"), state));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 3));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
