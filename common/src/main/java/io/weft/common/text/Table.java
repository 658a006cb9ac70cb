package io.weft.common.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of named fields, printed as the docker CLI prints its lists: a header row of column
 * names, every cell of a column as wide as its widest, three spaces between columns. A cell never
 * breaks its row: line breaks and tabs in a value print as spaces. The fields are what {@code
 * --format '{{.Field}}'} names; the first column is the one {@code -q} prints (for the tables of
 * several hosts, the first after the host's).
 */
public final class Table {

  /** A column: the field a template names ({@code Name}) and the header people read ({@code NAME}). */
  public record Column(String field, String header) {

    public Column {
      if (!field.matches("[A-Z][A-Za-z0-9]*")) {
        throw new IllegalArgumentException("a field is a capitalised word, not '" + field + "'");
      }
    }
  }

  /**
   * One row's values by field. A row that is not an {@code item} (the bridge among the
   * containers) is shown, and left out of {@code -q}'s list.
   */
  public record Row(Map<String, String> values, boolean item) {

    public Row {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String value(String field) {
      return values.getOrDefault(field, "");
    }
  }

  /** Docker's tabwriter: cells at least this wide, padding included. */
  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;

  private final List<Column> columns;
  private final String idField;
  private final List<Row> rows = new ArrayList<>();

  public Table(List<Column> columns) {
    this(columns, columns.isEmpty() ? null : columns.get(0).field());
  }

  private Table(List<Column> columns, String idField) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table has at least one column");
    }
    this.columns = List.copyOf(columns);
    this.idField = idField;
  }

  public static Table of(Column... columns) {
    return new Table(List.of(columns));
  }

  /** Adds a row of values, one a column in order; null is an empty cell. */
  public Table row(String... values) {
    rows.add(new Row(valuesOf(values), true));
    return this;
  }

  /** Adds a row that is shown but is not one of the listed items ({@code -q} leaves it out). */
  public Table extraRow(String... values) {
    rows.add(new Row(valuesOf(values), false));
    return this;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** The column's header, or null when the table has no such field. */
  public String headerOf(String field) {
    return columns.stream().filter(c -> c.field().equals(field)).map(Column::header).findFirst()
        .orElse(null);
  }

  /** The id of each item: what {@code -q} prints. */
  public List<String> ids() {
    return rows.stream().filter(Row::item).map(r -> r.value(idField)).toList();
  }

  /**
   * The tables of several hosts as one, with {@code column} in front holding each table's host
   * ({@code ps --host all}), unless their {@code shape} has that field already ({@code status}).
   * Tables of that one shape only.
   */
  public static Table byHost(Column column, Map<String, Table> tables, List<Column> shape) {
    List<Column> all = new ArrayList<>();
    if (shape.stream().noneMatch(c -> c.field().equals(column.field()))) {
      all.add(column);
    }
    all.addAll(shape);
    Table merged = new Table(all, shape.get(0).field());
    tables.forEach((host, table) -> table.rows.forEach(row -> {
      Map<String, String> values = new LinkedHashMap<>();
      values.put(column.field(), host);
      values.putAll(row.values());
      merged.rows.add(new Row(values, row.item()));
    }));
    return merged;
  }

  /** The header and the rows, aligned; no trailing spaces, no final line break. */
  public String render() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(columns.stream().map(Column::header).toList());
    for (Row row : rows) {
      lines.add(columns.stream().map(c -> row.value(c.field())).toList());
    }
    return align(lines);
  }

  /** Cells aligned in columns as {@link #render} aligns them: for formats of the user's. */
  public static String align(List<List<String>> lines) {
    int width = lines.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[width];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, cell(line.get(i)).length() + PADDING));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        String cell = cell(line.get(i));
        text.append(cell);
        if (i < line.size() - 1) {
          text.append(" ".repeat(widths[i] - cell.length()));
        }
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** A value as one cell: no line break or tab inside it, none at either end. */
  public static String cell(String value) {
    return value == null ? "" : value.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  private Map<String, String> valuesOf(String... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("a row of " + values.length + " values for "
          + columns.size() + " columns");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(columns.get(i).field(), values[i] == null ? "" : values[i]);
    }
    return map;
  }
}
