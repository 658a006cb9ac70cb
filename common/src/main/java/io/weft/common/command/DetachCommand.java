package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** Take these addresses (none: all) from a container; its interface goes with the last one. */
public record DetachCommand(List<Cidr> cidrs, String container) implements Command {

  public DetachCommand {
    cidrs = List.copyOf(cidrs);
  }

  @Override
  public String verb() {
    return "detach";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("cidrs", CommandCodec.cidrsToJson(cidrs)).put("container", container);
  }
}
