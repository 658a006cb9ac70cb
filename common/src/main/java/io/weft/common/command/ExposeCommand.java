package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** Put addresses on the host's weft bridge (none: allocate one), so the host reaches weft. */
public record ExposeCommand(List<Cidr> cidrs) implements Command {

  public ExposeCommand {
    cidrs = List.copyOf(cidrs);
    cidrs.forEach(Cidr::requireHostAddress);
  }

  @Override
  public String verb() {
    return "expose";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("cidrs", CommandCodec.cidrsToJson(cidrs));
  }
}
