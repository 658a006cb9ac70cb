package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code reset}: remove every weft interface, the bridge and weft's state on the host. */
public record Reset() implements Shapes.Bare<Reset.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("reset", "",
      "Remove every weft interface and the bridge from the host.",
      Reset::fromWords, json -> new Reset(), Reply::fromJson, List.of());

  static Reset fromWords(List<String> args) {
    CommandWords.none(VERB.name(), args);
    return new Reset();
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** The links removed, by name. */
  public record Reply(List<String> removed) implements Result {

    public Reply {
      removed = List.copyOf(removed);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("removed", CommandFields.json(removed));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(CommandFields.stringList(json, "removed"));
    }

    @Override
    public String text() {
      return removed.isEmpty() ? "nothing to remove" : "removed " + CommandFields.join(removed);
    }
  }
}
