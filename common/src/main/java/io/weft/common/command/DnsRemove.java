package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import java.util.List;

/** {@code dns-remove [IP...] -h NAME}: takes records this host added with dns-add away (all of NAME's when no IP is named). */
public record DnsRemove(List<Ipv4> addresses, String name) implements DnsWords.OnName<DnsRemove.Reply> {

  static final String SYNOPSIS = "[IP...] -h NAME";
  public static final Verb<Reply> VERB = new Verb<>("dns-remove", SYNOPSIS,
      "Remove records this host added with dns-add: these addresses of NAME, or all of them "
          + "when none are named.",
      DnsRemove::fromWords, DnsRemove::fromJson, Reply::fromJson, List.of("addresses", "name"));

  public DnsRemove {
    addresses = List.copyOf(addresses);
    name = DnsNames.normalize(name);
  }

  static DnsRemove fromWords(List<String> args) {
    return DnsWords.fromWords(VERB.name(), SYNOPSIS, args, DnsRemove::new);
  }

  static DnsRemove fromJson(JsonObject json) {
    return DnsWords.fromJson(json, DnsRemove::new);
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** The name as recorded, and the addresses it no longer answers with. */
  public record Reply(String name, List<Ipv4> removed) implements Result {

    public Reply {
      removed = List.copyOf(removed);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("removed", CommandFields.json(removed));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("name"), DnsWords.addressList(json, "removed"));
    }

    @Override
    public String text() {
      return name + ": removed " + CommandFields.join(removed);
    }
  }
}
