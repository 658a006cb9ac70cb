package io.weft.common.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The human form of each verb's JSON reply: what {@code weft VERB} prints without --json. */
public final class ReplyText {

  private ReplyText() {}

  public static String format(String verb, JsonObject reply) {
    return switch (verb) {
      case "attach", "detach" -> container(verb, reply);
      case "expose" -> join(reply.getJsonArray("addresses"));
      case "hide" -> reply.getJsonArray("removed").isEmpty()
          ? "nothing hidden" : "hid " + join(reply.getJsonArray("removed"));
      case "ps" -> ps(reply);
      case "status" -> status(reply);
      case "reset" -> reply.getJsonArray("removed").isEmpty()
          ? "nothing to remove" : "removed " + join(reply.getJsonArray("removed"));
      default -> reply.encodePrettily();
    };
  }

  private static String container(String verb, JsonObject reply) {
    JsonObject c = reply.getJsonObject("container");
    String who = c.getString("name") + " (" + shortId(c.getString("id")) + ")";
    JsonArray changed = reply.getJsonArray(verb.equals("attach") ? "added" : "removed");
    JsonArray now = c.getJsonArray("addresses");
    if (verb.equals("attach")) {
      return (changed.isEmpty() ? who + " already has " : who + " attached: ") + join(now);
    }
    return "detached " + join(changed) + " from " + who
        + (now.isEmpty() ? "" : "; it keeps " + join(now));
  }

  /** Weave's columns: the container, its MAC, its addresses; the bridge first as weave:expose. */
  private static String ps(JsonObject reply) {
    StringBuilder out = new StringBuilder();
    JsonObject bridge = reply.getJsonObject("bridge");
    if (bridge != null) {
      out.append(row("weave:expose", bridge.getString("mac"), bridge.getJsonArray("addresses")));
    }
    for (Object item : reply.getJsonArray("containers")) {
      JsonObject c = (JsonObject) item;
      String id = c.getString("id") == null ? "pid:" + c.getInteger("pid") : shortId(c.getString("id"));
      out.append(row(id, c.getString("mac"), c.getJsonArray("addresses")));
    }
    return out.toString().stripTrailing();
  }

  private static String status(JsonObject reply) {
    JsonObject bridge = reply.getJsonObject("bridge");
    List<String> lines = List.of(
        "weft " + reply.getString("version") + " on " + reply.getString("host"),
        "       Range: " + reply.getString("range"),
        "      Bridge: " + bridge.getString("name") + (bridge.getBoolean("present")
            ? " (" + (bridge.getBoolean("up") ? "up" : "down") + ", MTU " + bridge.getInteger("mtu")
                + ", " + bridge.getString("mac") + ")"
            : " (absent)"),
        "     Exposed: " + (bridge.getJsonArray("addresses") == null
            || bridge.getJsonArray("addresses").isEmpty() ? "none" : join(bridge.getJsonArray("addresses"))),
        "  Containers: " + reply.getInteger("containers"));
    return String.join("\n", lines);
  }

  private static String row(String first, String mac, JsonArray addresses) {
    return first + " " + mac + (addresses.isEmpty() ? "" : " " + join(addresses)) + "\n";
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
  }

  private static String join(JsonArray array) {
    return String.join(" ", array.stream().map(String::valueOf).toList());
  }
}
