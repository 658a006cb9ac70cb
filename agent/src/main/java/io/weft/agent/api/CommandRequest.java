package io.weft.agent.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.Command;
import io.weft.common.command.CommandCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to the agent's API: {@code {"target": T, "command": {...}}}, where T is absent or
 * {@code "self"} (this host), {@code "all"}, a host's name, or an array of names.
 */
record CommandRequest(Command command, boolean all, List<String> hosts) {

  static CommandRequest parse(String body, String self) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (RuntimeException e) {
      throw bad("the request is not a JSON object");
    }
    Object commandJson = json.getValue("command");
    if (!(commandJson instanceof JsonObject)) {
      throw bad("the request has no \"command\" object");
    }
    Command command = CommandCodec.fromJson((JsonObject) commandJson);
    Object target = json.getValue("target", "self");
    if ("all".equals(target)) {
      return new CommandRequest(command, true, List.of());
    }
    if (target instanceof String name) {
      return new CommandRequest(command, false, List.of(name.equals("self") ? self : name));
    }
    if (target instanceof JsonArray names && !names.isEmpty()) {
      List<String> hosts = new ArrayList<>();
      for (Object name : names) {
        if (!(name instanceof String text)) {
          throw bad("\"target\" names must be strings");
        }
        hosts.add(text.equals("self") ? self : text);
      }
      return new CommandRequest(command, false, hosts);
    }
    throw bad("\"target\" must be \"self\", \"all\", a host's name or an array of names");
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
