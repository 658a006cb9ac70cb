package io.weft.common.words;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ExitStatus;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Ps;
import io.weft.common.command.Result;
import io.weft.common.command.Status;
import io.weft.common.command.Tabular;
import io.weft.common.command.Verbs;
import io.weft.common.text.ListStyle;
import io.weft.common.text.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints hosts' replies. A table ({@code ps}, {@code status} of several hosts) is one table
 * whatever the number of hosts, with a {@code HOST} column when there are several; other
 * results print as themselves, each under its host's name when there are several. Failures go
 * to stderr, one line each.
 */
public final class RepliesOutput {

  /** The column in front of the rows of several hosts. */
  public static final Table.Column HOST = new Table.Column("Host", "HOST");

  private RepliesOutput() {}

  /** @return the exit status: 0 all ok, 2 a usage error, else 1 */
  public static int print(String verb, List<HostReply> replies, boolean many, boolean json) {
    return print(verb, replies, many, ListStyle.json(json), System.out, System.err);
  }

  public static int print(String verb, List<HostReply> replies, boolean many, ListStyle style) {
    return print(verb, replies, many, style, System.out, System.err);
  }

  /** As {@link #print(String, List, boolean, boolean)}, to these streams. */
  public static int print(String verb, List<HostReply> replies, boolean many, boolean json,
      PrintStream out, PrintStream err) {
    return print(verb, replies, many, ListStyle.json(json), out, err);
  }

  public static int print(String verb, List<HostReply> replies, boolean many, ListStyle style,
      PrintStream out, PrintStream err) {
    if (style.json()) {
      if (many) {
        JsonArray array = new JsonArray();
        replies.forEach(r -> array.add(r.toJson()));
        out.println(new JsonObject().put("replies", array).encode());
      } else {
        replies.forEach(r -> out.println(r.toJson().encode()));
      }
    } else {
      printText(verb, replies, many, style, out);
    }
    int status = 0;
    for (HostReply reply : replies) {
      if (!reply.ok()) {
        err.println("weft: " + (many ? reply.host() + ": " : "") + reply.message());
        status = Math.max(status, ExitStatus.of(reply.code()));
      }
    }
    return status;
  }

  /**
   * The columns a verb's result is printed in, for the hosts' table; null when its result is
   * not a table. Known before any host answers, so that a template is checked first.
   */
  public static List<Table.Column> columnsOf(String verb) {
    return switch (verb) {
      case "ps" -> Ps.Reply.COLUMNS;
      case "status" -> Status.Reply.COLUMNS;
      default -> null;
    };
  }

  /** {@link #columnsOf} with the {@code HOST} column in front when several hosts answer. */
  public static List<Table.Column> columnsOf(String verb, boolean many) {
    List<Table.Column> columns = columnsOf(verb);
    if (columns == null || !many || columns.contains(HOST)) {
      return columns;
    }
    List<Table.Column> all = new ArrayList<>();
    all.add(HOST);
    all.addAll(columns);
    return all;
  }

  private static void printText(String verb, List<HostReply> replies, boolean many, ListStyle style,
      PrintStream out) {
    List<Table.Column> columns = columnsOf(verb);
    if (columns != null && (many || style.needsTable() || !"status".equals(verb))) {
      Map<String, Table> tables = new LinkedHashMap<>();
      for (HostReply reply : replies) {
        if (reply.ok()) {
          tables.put(reply.host(), ((Tabular) Verbs.resultOf(verb, reply.result())).table());
        }
      }
      if (tables.isEmpty()) {
        return; // every host failed: stderr says why
      }
      Table table = many ? Table.byHost(HOST, tables, columns) : tables.values().iterator().next();
      String text = style.render(table);
      if (!text.isEmpty()) {
        out.println(text);
      }
      return;
    }
    for (HostReply reply : replies) {
      if (reply.ok()) {
        Result result = Verbs.resultOf(verb, reply.result());
        String text = result.text();
        out.println(many ? prefixed(reply.host(), text) : text);
      }
    }
  }

  private static String prefixed(String host, String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append(host).append("  ").append(line).append('\n'));
    return out.toString().stripTrailing();
  }
}
