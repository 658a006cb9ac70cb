package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** {@code detach [CIDR...] CONTAINER}: take these addresses (none: all) from a container; its interface goes with the last one. */
public record Detach(List<Cidr> cidrs, String container) implements Shapes.OnContainer<Detach.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("detach", "[CIDR...] CONTAINER",
      "Take these addresses (all, when none are named) from a container.",
      Detach::fromWords, Detach::fromJson, Reply::fromJson, List.of("cidrs", "container"));

  public Detach {
    cidrs = List.copyOf(cidrs);
    AddressLimits.few(cidrs);
  }

  static Detach fromWords(List<String> args) {
    CommandWords.CidrsAndContainer words = CommandWords.cidrsAndContainer(VERB.name(), args);
    return new Detach(words.cidrs(), words.container());
  }

  static Detach fromJson(JsonObject json) {
    return new Detach(CommandFields.cidrs(json), CommandFields.container(json));
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** What detach did: the container as it is now, and the addresses it removed. */
  public record Reply(ContainerView container, List<Cidr> removed) implements Result {

    public Reply {
      removed = List.copyOf(removed);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("container", container.toJson())
          .put("removed", CommandFields.json(removed));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(ContainerView.fromJson(json.getJsonObject("container", new JsonObject())),
          CommandFields.cidrList(json, "removed"));
    }

    @Override
    public String text() {
      List<Cidr> now = container.addresses();
      return "detached " + CommandFields.join(removed) + " from " + container.who()
          + (now.isEmpty() ? "" : "; it keeps " + CommandFields.join(now));
    }
  }
}
