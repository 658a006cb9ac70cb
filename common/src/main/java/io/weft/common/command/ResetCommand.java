package io.weft.common.command;

import io.vertx.core.json.JsonObject;

/** Remove every weft interface, the bridge and weft's state on the host. */
public record ResetCommand() implements Command {

  @Override
  public String verb() {
    return "reset";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject();
  }
}
