package io.weft.common.command;

import io.vertx.core.json.JsonObject;

/** List the containers on weft with their MAC and addresses. */
public record PsCommand() implements Command {

  @Override
  public String verb() {
    return "ps";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject();
  }
}
