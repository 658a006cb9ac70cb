package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code dns-args}: the {@code docker run} options that point a container at weft's DNS on this
 * host: {@code docker run $(weft dns-args) ...}.
 */
public record DnsArgs() implements Shapes.Bare<DnsArgs.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("dns-args", "",
      "Print the docker run options that give a container weft's DNS on this host: "
          + "docker run $(weft dns-args) ...",
      DnsArgs::fromWords, json -> new DnsArgs(), Reply::fromJson, List.of());

  static DnsArgs fromWords(List<String> args) {
    CommandWords.none(VERB.name(), args);
    return new DnsArgs();
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /** The address this host's DNS answers at, and weft's domain, the search domain. */
  public record Reply(String server, String domain) implements Result {

    /** {@code --dns=ADDRESS --dns-search=DOMAIN}, as docker run takes them. */
    public List<String> dockerRunOptions() {
      return List.of("--dns=" + server, "--dns-search=" + domain);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("server", server).put("domain", domain)
          .put("args", CommandFields.json(dockerRunOptions()));
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("server"), json.getString("domain"));
    }

    @Override
    public String text() {
      return String.join(" ", dockerRunOptions());
    }
  }
}
