package io.weft.common.command;

import io.vertx.core.json.JsonObject;

/** Report the host's weft state. */
public record StatusCommand() implements Command {

  @Override
  public String verb() {
    return "status";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject();
  }
}
