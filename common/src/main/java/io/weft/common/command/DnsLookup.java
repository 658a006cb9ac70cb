package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.WeftException;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import java.util.List;

/**
 * {@code dns-lookup NAME}: what weft's DNS answers for NAME (its addresses) or for an address
 * (its names), from the host's own copy of the fleet's records.
 */
public record DnsLookup(String name) implements Command<DnsLookup.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("dns-lookup", "NAME|IP",
      "Look NAME up in weft's DNS as this host answers it: its addresses (a name without "
          + "weft's domain is looked up in it); or, for an IP, its names.",
      DnsLookup::fromWords, json -> new DnsLookup(DnsWords.name(json)), Reply::fromJson, List.of("name"));

  public DnsLookup {
    name = isAddress(name) ? name : DnsNames.normalize(name);
  }

  static DnsLookup fromWords(List<String> args) {
    if (args.size() != 1) {
      throw CommandWords.bad("dns-lookup takes one name or address: dns-lookup NAME|IP");
    }
    return new DnsLookup(args.get(0));
  }

  /** True when the lookup is of an address (reverse), not a name. */
  public boolean reverse() {
    return isAddress(name);
  }

  private static boolean isAddress(String text) {
    try {
      Ipv4.parse(text);
      return true;
    } catch (WeftException notAnAddress) {
      return false;
    }
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  @Override
  public List<String> args() {
    return List.of(name);
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("name", name);
  }

  /** What was asked, as looked up, and the answers: addresses for a name, names for an address. */
  public record Reply(String name, List<String> answers) implements Result {

    public Reply {
      answers = List.copyOf(answers);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("answers", CommandFields.json(answers));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("name"), CommandFields.stringList(json, "answers"));
    }

    @Override
    public String text() {
      return String.join("\n", answers);
    }
  }
}
