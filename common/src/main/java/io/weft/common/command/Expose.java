package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/**
 * {@code expose [--force] [CIDR...]}: put addresses on the host's weft bridge (none: allocate
 * one), so the host reaches weft; {@code force} lets a prefix shorter than /8 through.
 */
public record Expose(List<Cidr> cidrs, boolean force) implements Shapes.OnAddresses<Expose.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("expose", "[--force] [CIDR...]",
      "Put addresses on the host's weft bridge (one allocated when none are named), so the "
          + "host reaches weft. A prefix shorter than /8 needs --force.",
      Expose::fromWords, Expose::fromJson, Reply::fromJson, List.of("cidrs", "force"));

  public Expose {
    cidrs = List.copyOf(cidrs);
    cidrs.forEach(Cidr::requireHostAddress);
    AddressLimits.few(cidrs);
    AddressLimits.narrowEnough(cidrs, force);
  }

  public Expose(List<Cidr> cidrs) {
    this(cidrs, false);
  }

  static Expose fromWords(List<String> args) {
    AddressLimits.Forced forced = AddressLimits.Forced.of(args);
    return new Expose(CommandWords.cidrs(VERB.name(), forced.rest()), forced.force());
  }

  static Expose fromJson(JsonObject json) {
    return new Expose(CommandFields.cidrs(json), CommandFields.force(json));
  }

  @Override
  public List<String> args() {
    return CommandFields.forced(force, Shapes.OnAddresses.super.args());
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = Shapes.OnAddresses.super.toJson();
    return force ? json.put("force", true) : json;
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
