package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** Give a running container an interface on weft with these addresses (none: allocate one). */
public record AttachCommand(List<Cidr> cidrs, String container) implements Command {

  public AttachCommand {
    cidrs = List.copyOf(cidrs);
    cidrs.forEach(Cidr::requireHostAddress);
  }

  @Override
  public String verb() {
    return "attach";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("cidrs", CommandCodec.cidrsToJson(cidrs)).put("container", container);
  }
}
