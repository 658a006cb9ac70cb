package io.weft.common.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ps}: list the containers on weft with their MAC and addresses. */
public record Ps() implements Shapes.Bare<Ps.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("ps", "",
      "List the containers on weft with their MAC and addresses.",
      Ps::fromWords, json -> new Ps(), Reply::fromJson, List.of());

  static Ps fromWords(List<String> args) {
    CommandWords.none(VERB.name(), args);
    return new Ps();
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /**
   * One container on weft; {@code id} and {@code name} null when Docker does not know its
   * process; {@code network} the Docker network it is on when Docker put it there (weft's
   * network plugin), null when weft attached it.
   */
  public record Row(String id, String name, int pid, String mac, List<Cidr> addresses, String network) {

    public Row {
      addresses = List.copyOf(addresses);
    }

    /** A container weft attached. */
    public Row(String id, String name, int pid, String mac, List<Cidr> addresses) {
      this(id, name, pid, mac, addresses, null);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("id", id).put("name", name).put("pid", pid).put("mac", mac)
          .put("addresses", CommandFields.json(addresses));
      return network == null ? json : json.put("network", network);
    }

    static Row fromJson(JsonObject json) {
      return new Row(json.getString("id"), json.getString("name"), json.getInteger("pid", 0),
          json.getString("mac"), CommandFields.cidrList(json, "addresses"), json.getString("network"));
    }
  }

  /** The bridge, when the host has one: its name, MAC and exposed addresses. */
  public record Bridge(String name, String mac, List<Cidr> addresses) {

    public Bridge {
      addresses = List.copyOf(addresses);
    }

    JsonObject toJson() {
      return new JsonObject().put("name", name).put("mac", mac)
          .put("addresses", CommandFields.json(addresses));
    }

    static Bridge fromJson(JsonObject json) {
      return new Bridge(json.getString("name"), json.getString("mac"),
          CommandFields.cidrList(json, "addresses"));
    }
  }

  /** Every container on weft, and the bridge when there is one. */
  public record Reply(List<Row> containers, Optional<Bridge> bridge) implements Result {

    public Reply {
      containers = List.copyOf(containers);
    }

    @Override
    public JsonObject toJson() {
      JsonArray rows = new JsonArray();
      containers.forEach(row -> rows.add(row.toJson()));
      JsonObject json = new JsonObject().put("containers", rows);
      bridge.ifPresent(b -> json.put("bridge", b.toJson()));
      return json;
    }

    static Reply fromJson(JsonObject json) {
      List<Row> rows = new ArrayList<>();
      for (Object row : json.getJsonArray("containers", new JsonArray())) {
        rows.add(Row.fromJson((JsonObject) row));
      }
      JsonObject bridge = json.getJsonObject("bridge");
      return new Reply(rows, Optional.ofNullable(bridge).map(Bridge::fromJson));
    }

    /**
     * Weave's columns: the container, its MAC, its addresses; the bridge first as weave:expose.
     * A container Docker put on one of weft's networks ends with {@code docker:NETWORK}.
     */
    @Override
    public String text() {
      StringBuilder out = new StringBuilder();
      bridge.ifPresent(b -> out.append(line("weave:expose", b.mac(), b.addresses())));
      for (Row row : containers) {
        String id = row.id() == null ? "pid:" + row.pid() : CommandFields.shortId(row.id());
        String line = line(id, row.mac(), row.addresses());
        out.append(row.network() == null ? line : line.stripTrailing() + " docker:" + row.network() + "\n");
      }
      return out.toString().stripTrailing();
    }

    private static String line(String first, String mac, List<Cidr> addresses) {
      return first + " " + mac + (addresses.isEmpty() ? "" : " " + CommandFields.join(addresses)) + "\n";
    }
  }
}
