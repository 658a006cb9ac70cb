package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** Take addresses (none: all) off the host's weft bridge. */
public record HideCommand(List<Cidr> cidrs) implements Command {

  public HideCommand {
    cidrs = List.copyOf(cidrs);
  }

  @Override
  public String verb() {
    return "hide";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("cidrs", CommandCodec.cidrsToJson(cidrs));
  }
}
