package io.weft.common.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import io.weft.common.text.Table;
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
  public record Reply(List<Row> containers, Optional<Bridge> bridge) implements Tabular {

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

    /** The columns of {@code weft ps}, the fields of its {@code --format}. */
    public static final List<Table.Column> COLUMNS = List.of(
        new Table.Column("ID", "CONTAINER ID"), new Table.Column("Name", "NAME"),
        new Table.Column("MAC", "MAC"), new Table.Column("Addresses", "ADDRESSES"),
        new Table.Column("Network", "DOCKER NETWORK"));
    /** The bridge's row, shown first: the host's own addresses on weft. */
    public static final String BRIDGE_ROW = "weft:expose";

    /**
     * The bridge first, as {@value #BRIDGE_ROW} (its addresses are the host's own on weft), then
     * each container: its short id, name, MAC and addresses, and the Docker network it is on
     * when Docker put it there (weft's network plugin), one row a network.
     */
    @Override
    public Table table() {
      Table table = new Table(COLUMNS);
      bridge.ifPresent(b -> table.extraRow(BRIDGE_ROW, b.name(), b.mac(), CommandFields.join(b.addresses()), null));
      for (Row row : containers) {
        String id = row.id() == null ? "pid:" + row.pid() : CommandFields.shortId(row.id());
        table.row(id, row.name(), row.mac(), CommandFields.join(row.addresses()), row.network());
      }
      return table;
    }

    @Override
    public String text() {
      return table().render();
    }
  }
}
