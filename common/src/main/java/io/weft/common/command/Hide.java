package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** {@code hide [CIDR...]}: take addresses (none: all) off the host's weft bridge. */
public record Hide(List<Cidr> cidrs) implements Shapes.OnAddresses<Hide.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("hide", "[CIDR...]",
      "Take exposed addresses (all, when none are named) off the bridge.",
      Hide::fromWords, Hide::fromJson, Reply::fromJson, List.of("cidrs"));

  public Hide {
    cidrs = List.copyOf(cidrs);
    AddressLimits.few(cidrs);
  }

  static Hide fromWords(List<String> args) {
    return new Hide(CommandWords.cidrs(VERB.name(), args));
  }

  static Hide fromJson(JsonObject json) {
    return new Hide(CommandFields.cidrs(json));
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** The bridge's name and the addresses taken off it. */
  public record Reply(String bridge, List<Cidr> removed) implements Result {

    public Reply {
      removed = List.copyOf(removed);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("bridge", bridge).put("removed", CommandFields.json(removed));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("bridge"), CommandFields.cidrList(json, "removed"));
    }

    @Override
    public String text() {
      return removed.isEmpty() ? "nothing hidden" : "hid " + CommandFields.join(removed);
    }
  }
}
