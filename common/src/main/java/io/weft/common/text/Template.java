package io.weft.common.text;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.weft.common.text.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's templates that {@code docker ps --format} users write: literal text, {@code
 * {{.Field}}}, {@code {{json .Field}}} and {@code {{json .}}} (the whole row), {@code \t} and
 * {@code \n}; and docker's {@code table} prefix, which prints a header row and aligns the cells
 * that tabs separate. Anything else is refused when the template is read, naming the fields there
 * are, so a typo fails at once rather than printing empty cells.
 */
public final class Template {

  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
  private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z][A-Za-z0-9]*)");
  private static final Pattern JSON = Pattern.compile("json\\s+(\\.|\\.[A-Za-z][A-Za-z0-9]*)");

  /** A piece of the template: literal text, or a field's value (null field: the whole row). */
  private record Part(String text, String field, boolean json) {}

  private final List<Part> parts;
  private final boolean table;

  private Template(List<Part> parts, boolean table) {
    this.parts = parts;
    this.table = table;
  }

  /**
   * Reads {@code format} for rows with {@code columns}' fields; an {@link
   * IllegalArgumentException} naming what is wrong otherwise.
   */
  public static Template parse(String format, List<Table.Column> columns) {
    boolean table = format.startsWith("table");
    String body = table ? format.substring("table".length()).strip() : format;
    body = body.replace("\\t", "\t").replace("\\n", "\n");
    List<Part> parts = new ArrayList<>();
    Matcher action = ACTION.matcher(body);
    int at = 0;
    while (action.find()) {
      literal(body.substring(at, action.start()), parts);
      parts.add(part(action.group(1), columns));
      at = action.end();
    }
    literal(body.substring(at), parts);
    return new Template(parts, table);
  }

  /**
   * The listed items as the template says: one line each, under a header row with {@code table}.
   * Rows shown beside the items (the bridge's in {@code ps}) are left out, as {@code -q} leaves
   * them out: a script reading {@code {{.ID}}} gets containers alone.
   */
  public String render(Table rows) {
    List<String> lines = new ArrayList<>();
    for (Table.Row row : rows.rows()) {
      if (row.item()) {
        lines.add(apply(row, false, rows));
      }
    }
    if (!table) {
      return String.join("\n", lines);
    }
    List<List<String>> cells = new ArrayList<>();
    cells.add(List.of(apply(null, true, rows).split("\t", -1)));
    lines.forEach(line -> cells.add(List.of(line.split("\t", -1))));
    return Table.align(cells);
  }

  private String apply(Table.Row row, boolean header, Table rows) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part.text() != null) {
        out.append(part.text());
      } else if (header) {
        out.append(part.field() == null ? "ROW" : rows.headerOf(part.field()));
      } else if (part.field() == null) {
        out.append(new JsonObject(new LinkedHashMap<String, Object>(row.values())).encode());
      } else if (part.json()) {
        out.append(Json.encode(row.value(part.field())));
      } else {
        out.append(table ? Table.cell(row.value(part.field())) : row.value(part.field()));
      }
    }
    return out.toString();
  }

  private static void literal(String text, List<Part> parts) {
    if (text.contains("{{") || text.contains("}}")) {
      throw new IllegalArgumentException("--format: an unclosed {{ or a stray }} in '" + text + "'");
    }
    if (!text.isEmpty()) {
      parts.add(new Part(text, null, false));
    }
  }

  private static Part part(String action, List<Table.Column> columns) {
    Matcher json = JSON.matcher(action);
    if (json.matches()) {
      String target = json.group(1);
      return target.equals(".") ? new Part(null, null, true) : new Part(null, field(target.substring(1), columns), true);
    }
    Matcher field = FIELD.matcher(action);
    if (field.matches()) {
      return new Part(null, field(field.group(1), columns), false);
    }
    throw new IllegalArgumentException("--format: weft takes {{.Field}}, {{json .Field}} and {{json .}}, not {{"
        + action + "}} (fields: " + fieldList(columns) + ")");
  }

  private static String field(String name, List<Table.Column> columns) {
    if (columns.stream().noneMatch(c -> c.field().equals(name))) {
      throw new IllegalArgumentException("--format: no field ." + name + " (fields: " + fieldList(columns) + ")");
    }
    return name;
  }

  private static String fieldList(List<Table.Column> columns) {
    return String.join(" ", columns.stream().map(c -> "." + c.field()).toList());
  }
}
