package io.weft.common.text;

import io.weft.common.text.Table;
import java.util.List;

/**
 * How a list is printed, as {@code docker ps} prints its own: a table with a header row (the
 * default), {@code --json}, ids alone ({@code -q}), or each row through a template of the
 * user's ({@code --format}). One of them at a time; the template is read before anything is
 * asked of a host, so a typo costs nothing.
 *
 * @param json {@code --json}
 * @param quiet {@code -q}: the first column of each item, one a line
 * @param format {@code --format}'s template, or null
 */
public record ListStyle(boolean json, boolean quiet, String format) {

  public static final ListStyle TABLE = new ListStyle(false, false, null);

  public ListStyle {
    int given = (json ? 1 : 0) + (quiet ? 1 : 0) + (format != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException("--json, -q and --format each choose the output: give one");
    }
  }

  public static ListStyle json(boolean json) {
    return json ? new ListStyle(true, false, null) : TABLE;
  }

  /** Whether only a table can be printed this way ({@code -q}, {@code --format}). */
  public boolean needsTable() {
    return quiet || format != null;
  }

  /**
   * Refuses a template that does not fit {@code columns}, and {@code -q} or {@code --format} for
   * what prints no table ({@code columns} null).
   */
  public ListStyle checkedFor(List<Table.Column> columns) {
    if (columns == null && needsTable()) {
      throw new IllegalArgumentException("-q and --format are for lists (ps, status, peers, credentials --list): this prints none");
    }
    if (format != null) {
      Template.parse(format, columns);
    }
    return this;
  }

  /** The table as this style prints it (not for {@code --json}, which prints the replies). */
  public String render(Table table) {
    if (quiet) {
      return String.join("\n", table.ids());
    }
    if (format != null) {
      return Template.parse(format, table.columns()).render(table);
    }
    return table.render();
  }
}
