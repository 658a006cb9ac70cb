package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** {@code attach [CIDR...] CONTAINER}: give a running container an interface on weft with these addresses (none: allocate one). */
public record Attach(List<Cidr> cidrs, String container) implements Shapes.OnContainer<Attach.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("attach", "[CIDR...] CONTAINER",
      "Give a running container an interface (ethwe) on weft with these addresses, or one "
          + "allocated from 10.32.0.0/12.",
      Attach::fromWords, Attach::fromJson, Reply::fromJson);

  public Attach {
    cidrs = List.copyOf(cidrs);
    cidrs.forEach(Cidr::requireHostAddress);
  }

  static Attach fromWords(List<String> args) {
    CommandWords.CidrsAndContainer words = CommandWords.cidrsAndContainer(VERB.name(), args);
    return new Attach(words.cidrs(), words.container());
  }

  static Attach fromJson(JsonObject json) {
    return new Attach(CommandFields.cidrs(json), CommandFields.container(json));
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /**
   * What attach did: the container as it is now, the addresses it added, and how long the netlink
   * work took in milliseconds.
   */
  public record Reply(ContainerView container, List<Cidr> added, double netlinkMillis) implements Result {

    public Reply {
      added = List.copyOf(added);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("container", container.toJson())
          .put("added", CommandFields.json(added)).put("netlinkMillis", netlinkMillis);
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(ContainerView.fromJson(json.getJsonObject("container", new JsonObject())),
          CommandFields.cidrList(json, "added"), json.getDouble("netlinkMillis", 0.0));
    }

    @Override
    public String text() {
      return container.who() + (added.isEmpty() ? " already has " : " attached: ")
          + CommandFields.join(container.addresses());
    }
  }
}
