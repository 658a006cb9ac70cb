package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/**
 * {@code attach [--force] [CIDR...] CONTAINER}: give a running container an interface on weft
 * with these addresses (none: allocate one); {@code force} lets a prefix shorter than /8 through.
 */
public record Attach(List<Cidr> cidrs, String container, boolean force)
    implements Shapes.OnContainer<Attach.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("attach", "[--force] [CIDR...] CONTAINER",
      "Give a running container an interface (ethwe) on weft with these addresses, or one "
          + "allocated from 10.32.0.0/12. A prefix shorter than /8 needs --force.",
      Attach::fromWords, Attach::fromJson, Reply::fromJson, List.of("cidrs", "container", "force"));

  public Attach {
    cidrs = List.copyOf(cidrs);
    cidrs.forEach(Cidr::requireHostAddress);
    AddressLimits.few(cidrs);
    AddressLimits.narrowEnough(cidrs, force);
  }

  public Attach(List<Cidr> cidrs, String container) {
    this(cidrs, container, false);
  }

  static Attach fromWords(List<String> args) {
    AddressLimits.Forced forced = AddressLimits.Forced.of(args);
    CommandWords.CidrsAndContainer words = CommandWords.cidrsAndContainer(VERB.name(), forced.rest());
    return new Attach(words.cidrs(), words.container(), forced.force());
  }

  static Attach fromJson(JsonObject json) {
    return new Attach(CommandFields.cidrs(json), CommandFields.container(json), CommandFields.force(json));
  }

  @Override
  public List<String> args() {
    return CommandFields.forced(force, Shapes.OnContainer.super.args());
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = Shapes.OnContainer.super.toJson();
    return force ? json.put("force", true) : json;
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
