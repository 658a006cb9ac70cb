package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import java.util.List;

/**
 * {@code dns-add IP... -h NAME}: records of weft's DNS that belong to no container, kept by the
 * host that adds them (in its state volume) and gone from the fleet while that host is.
 */
public record DnsAdd(List<Ipv4> addresses, String name) implements DnsWords.OnName<DnsAdd.Reply> {

  static final String SYNOPSIS = "IP... -h NAME";
  public static final Verb<Reply> VERB = new Verb<>("dns-add", SYNOPSIS,
      "Add records to weft's DNS: NAME (in weft's domain, weft.local unless launch named "
          + "another) answers with these addresses on every host. The records are this host's: "
          + "they go while it is away from the fleet.",
      DnsAdd::fromWords, DnsAdd::fromJson, Reply::fromJson, List.of("addresses", "name"));

  public DnsAdd {
    addresses = List.copyOf(addresses);
    name = DnsNames.normalize(name);
    if (addresses.isEmpty()) {
      throw CommandWords.bad("dns-add needs at least one address: dns-add " + SYNOPSIS);
    }
  }

  static DnsAdd fromWords(List<String> args) {
    return DnsWords.fromWords(VERB.name(), SYNOPSIS, args, DnsAdd::new);
  }

  static DnsAdd fromJson(JsonObject json) {
    return DnsWords.fromJson(json, DnsAdd::new);
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** The name as recorded (in the domain), every address this host gave it, and those new now. */
  public record Reply(String name, List<Ipv4> addresses, List<Ipv4> added) implements Result {

    public Reply {
      addresses = List.copyOf(addresses);
      added = List.copyOf(added);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("addresses", CommandFields.json(addresses))
          .put("added", CommandFields.json(added));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("name"), DnsWords.addressList(json, "addresses"),
          DnsWords.addressList(json, "added"));
    }

    @Override
    public String text() {
      return name + ": " + CommandFields.join(addresses);
    }
  }
}
