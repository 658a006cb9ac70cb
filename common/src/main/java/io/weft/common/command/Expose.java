package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** {@code expose [CIDR...]}: put addresses on the host's weft bridge (none: allocate one), so the host reaches weft. */
public record Expose(List<Cidr> cidrs) implements Shapes.OnAddresses<Expose.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("expose", "[CIDR...]",
      "Put addresses on the host's weft bridge (one allocated when none are named), so the "
          + "host reaches weft.",
      Expose::fromWords, Expose::fromJson, Reply::fromJson);

  public Expose {
    cidrs = List.copyOf(cidrs);
    cidrs.forEach(Cidr::requireHostAddress);
  }

  static Expose fromWords(List<String> args) {
    return new Expose(CommandWords.cidrs(VERB.name(), args));
  }

  static Expose fromJson(JsonObject json) {
    return new Expose(CommandFields.cidrs(json));
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** The bridge's name, every address on it now, and those added by this command. */
  public record Reply(String bridge, List<Cidr> addresses, List<Cidr> added) implements Result {

    public Reply {
      addresses = List.copyOf(addresses);
      added = List.copyOf(added);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("bridge", bridge).put("addresses", CommandFields.json(addresses))
          .put("added", CommandFields.json(added));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("bridge"), CommandFields.cidrList(json, "addresses"),
          CommandFields.cidrList(json, "added"));
    }

    @Override
    public String text() {
      return CommandFields.join(addresses);
    }
  }
}
