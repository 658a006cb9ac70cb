package io.weft.shell.cli;

import io.weft.common.text.ListStyle;
import io.weft.common.text.Table;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a verb that prints a list: {@code --json}, {@code -q}, {@code --format}. */
public final class ListOptions {

  @Option(names = "--json", description = "print the reply as JSON")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "print the first column alone (ids, names), one a line")
  boolean quiet;

  @Option(names = "--format", paramLabel = "TEMPLATE",
      description = "print each row through a Go-style template: {{.Field}}, {{json .Field}}, "
          + "{{json .}}; 'table ...' adds a header row and aligns the cells \\t separates")
  String format;

  /** The style asked for, its template checked against {@code columns}. */
  public ListStyle style(List<Table.Column> columns) {
    return new ListStyle(json, quiet, format).checkedFor(columns);
  }
}
