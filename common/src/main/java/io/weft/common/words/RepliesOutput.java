package io.weft.common.words;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ExitStatus;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Verbs;
import java.io.PrintStream;
import java.util.List;

/** Prints hosts' replies: one host as itself, several each under its name; failures on stderr. */
public final class RepliesOutput {

  private RepliesOutput() {}

  /** @return the exit status: 0 all ok, 2 a usage error, else 1 */
  public static int print(String verb, List<HostReply> replies, boolean many, boolean json) {
    return print(verb, replies, many, json, System.out, System.err);
  }

  /** As {@link #print(String, List, boolean, boolean)}, to these streams. */
  public static int print(String verb, List<HostReply> replies, boolean many, boolean json,
      PrintStream out, PrintStream err) {
    if (json) {
      if (many) {
        JsonArray array = new JsonArray();
        replies.forEach(r -> array.add(r.toJson()));
        out.println(new JsonObject().put("replies", array).encode());
      } else {
        replies.forEach(r -> out.println(r.toJson().encode()));
      }
    }
    int status = 0;
    for (HostReply reply : replies) {
      if (reply.ok()) {
        if (!json) {
          String text = Verbs.resultOf(verb, reply.result()).text();
          out.println(many ? prefixed(reply.host(), text) : text);
        }
      } else {
        err.println("weft: " + (many ? reply.host() + ": " : "") + reply.message());
        status = Math.max(status, ExitStatus.of(reply.code()));
      }
    }
    return status;
  }

  private static String prefixed(String host, String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append(host).append("  ").append(line).append('\n'));
    return out.toString().stripTrailing();
  }
}
