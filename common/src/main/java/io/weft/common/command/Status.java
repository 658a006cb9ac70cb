package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import io.weft.common.text.Table;
import java.util.List;

/** {@code status}: report the host's weft state. */
public record Status() implements Shapes.Bare<Status.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("status", "",
      "Report weft's state on the host.",
      Status::fromWords, json -> new Status(), Reply::fromJson, List.of());

  static Status fromWords(List<String> args) {
    CommandWords.none(VERB.name(), args);
    return new Status();
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  /**
   * The bridge as the kernel has it. When it is not {@code present}, the other fields mean
   * nothing and are left out of the JSON.
   */
  public record Bridge(String name, boolean present, boolean up, int mtu, String mac,
      List<Cidr> addresses) {

    public Bridge {
      addresses = List.copyOf(addresses);
    }

    public static Bridge absent(String name) {
      return new Bridge(name, false, false, 0, null, List.of());
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("name", name).put("present", present);
      if (present) {
        json.put("up", up).put("mtu", mtu).put("mac", mac).put("addresses", CommandFields.json(addresses));
      }
      return json;
    }

    static Bridge fromJson(JsonObject json) {
      return new Bridge(json.getString("name"), json.getBoolean("present", false),
          json.getBoolean("up", false), json.getInteger("mtu", 0), json.getString("mac"),
          CommandFields.cidrList(json, "addresses"));
    }
  }

  /**
   * The host's share of the fleet's address space: the blocks it owns out of all, and the
   * addresses the fleet's record shows held twice (none where weft is not launched).
   */
  public record Space(int blocksOwned, int blocksTotal, List<String> conflicts) {

    public static final Space NONE = new Space(0, 0, List.of());

    public Space {
      conflicts = List.copyOf(conflicts);
    }

    JsonObject toJson() {
      return new JsonObject().put("blocksOwned", blocksOwned).put("blocksTotal", blocksTotal)
          .put("conflicts", CommandFields.json(conflicts));
    }

    static Space fromJson(JsonObject json) {
      return json == null ? NONE : new Space(json.getInteger("blocksOwned", 0),
          json.getInteger("blocksTotal", 0), CommandFields.stringList(json, "conflicts"));
    }
  }

  /**
   * The data plane between hosts as the running agent keeps it: which WireGuard carries it and
   * why, whether the fleet encrypts, and the MTUs that follow from the underlay's.
   *
   * @param implementation {@code kernel} or {@code wireguard-go}
   * @param reason why that one
   * @param encrypt whether every pair of this host goes through WireGuard
   * @param mtu the bridge's and containers' MTU
   * @param underlayMtu the underlay's
   */
  public record Wire(String implementation, String reason, boolean encrypt, int mtu, int underlayMtu) {

    JsonObject toJson() {
      return new JsonObject().put("implementation", implementation).put("reason", reason)
          .put("encrypt", encrypt).put("mtu", mtu).put("underlayMtu", underlayMtu);
    }

    static Wire fromJson(JsonObject json) {
      return json == null ? null : new Wire(json.getString("implementation"), json.getString("reason"),
          json.getBoolean("encrypt", false), json.getInteger("mtu", 0), json.getInteger("underlayMtu", 0));
    }

    String text() {
      return (encrypt ? "encrypted" : "not encrypted (the fleet's choice)") + ", " + implementation
          + " (" + reason + "), MTU " + mtu + " (underlay " + underlayMtu + ")";
    }
  }

  /**
   * The host, weft's version there, the allocation range, the bridge, how many containers are on
   * weft, the host's share of the address space, and the data plane between hosts (null where
   * no agent runs).
   */
  public record Reply(String host, String version, String range, Bridge bridge, int containers,
      Space space, Wire wire) implements Tabular {

    public Reply(String host, String version, String range, Bridge bridge, int containers, Space space) {
      this(host, version, range, bridge, containers, space, null);
    }

    /** The columns of {@code weft status --host all}, the fields of its {@code --format}. */
    public static final List<Table.Column> COLUMNS = List.of(
        new Table.Column("Host", "HOST"), new Table.Column("Version", "VERSION"),
        new Table.Column("Range", "RANGE"), new Table.Column("Bridge", "BRIDGE"),
        new Table.Column("Exposed", "EXPOSED"), new Table.Column("Containers", "CONTAINERS"),
        new Table.Column("Blocks", "BLOCKS"), new Table.Column("Conflicts", "CONFLICTS"));

    /** One row: the bridge as up, down or absent; blocks as owned/total; how many conflicts. */
    @Override
    public Table table() {
      String state = !bridge.present() ? "absent" : bridge.up() ? "up" : "down";
      boolean launched = space.blocksTotal() > 0;
      return new Table(COLUMNS).row(host, version, range, state,
          bridge.addresses().isEmpty() ? "none" : CommandFields.join(bridge.addresses()),
          String.valueOf(containers),
          launched ? space.blocksOwned() + "/" + space.blocksTotal() : "-",
          launched ? String.valueOf(space.conflicts().size()) : "-");
    }

    @Override
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("host", host).put("version", version).put("range", range)
          .put("bridge", bridge.toJson()).put("containers", containers);
      if (space.blocksTotal() > 0) {
        json.put("addressSpace", space.toJson());
      }
      if (wire != null) {
        json.put("wire", wire.toJson());
      }
      return json;
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("host"), json.getString("version"), json.getString("range"),
          Bridge.fromJson(json.getJsonObject("bridge", new JsonObject())),
          json.getInteger("containers", 0), Space.fromJson(json.getJsonObject("addressSpace")),
          Wire.fromJson(json.getJsonObject("wire")));
    }

    @Override
    public String text() {
      List<String> lines = new java.util.ArrayList<>(List.of(
          "weft " + version + " on " + host,
          "       Range: " + range,
          "      Bridge: " + bridge.name() + (bridge.present()
              ? " (" + (bridge.up() ? "up" : "down") + ", MTU " + bridge.mtu() + ", " + bridge.mac() + ")"
              : " (absent)"),
          "     Exposed: " + (bridge.addresses().isEmpty() ? "none" : CommandFields.join(bridge.addresses())),
          "  Containers: " + containers));
      if (wire != null) {
        lines.add("        Wire: " + wire.text());
      }
      if (space.blocksTotal() > 0) {
        lines.add("      Blocks: " + space.blocksOwned() + " of " + space.blocksTotal() + " owned here");
        lines.add("   Conflicts: " + (space.conflicts().isEmpty() ? "none" : space.conflicts().get(0)));
        space.conflicts().stream().skip(1).forEach(c -> lines.add("              " + c));
      }
      return String.join("\n", lines);
    }
  }
}
