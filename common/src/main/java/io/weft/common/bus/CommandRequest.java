package io.weft.common.bus;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;

/**
 * A request to an agent's API, as the command line, the shell and other programs send it:
 * {@code {"target": T, "command": {...}}}. The agent answers {@code {"replies": [...]}}, one
 * {@link HostReply} per targeted host, or {@code {"error": {...}}} for a request it cannot read.
 */
public record CommandRequest(Target target, Command<?> command) {

  public JsonObject toJson() {
    return new JsonObject().put("target", target.toJson()).put("command", Verbs.toJson(command));
  }

  /** Reads a request's body; anything malformed is a BAD_REQUEST (BAD_CIDR for a bad address). */
  public static CommandRequest parse(String body) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (RuntimeException e) {
      throw bad("the request is not a JSON object");
    }
    for (String field : json.fieldNames()) {
      if (!field.equals("target") && !field.equals("command")) {
        throw bad("a request has \"target\" and \"command\" alone, not \""
            + (field.length() <= 40 ? field : field.substring(0, 40) + "...") + "\"");
      }
    }
    if (!(json.getValue("command") instanceof JsonObject command)) {
      throw bad("the request has no \"command\" object");
    }
    Command<?> parsed = Verbs.fromJson(command);
    return new CommandRequest(Target.fromJson(json.getValue("target")), parsed);
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
