package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** {@code status}: report the host's weft state. */
public record Status() implements Shapes.Bare<Status.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("status", "",
      "Report weft's state on the host.",
      Status::fromWords, json -> new Status(), Reply::fromJson);

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

  /** The host, weft's version there, the allocation range, the bridge, and how many containers are on weft. */
  public record Reply(String host, String version, String range, Bridge bridge, int containers)
      implements Result {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("host", host).put("version", version).put("range", range)
          .put("bridge", bridge.toJson()).put("containers", containers);
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("host"), json.getString("version"), json.getString("range"),
          Bridge.fromJson(json.getJsonObject("bridge", new JsonObject())),
          json.getInteger("containers", 0));
    }

    @Override
    public String text() {
      return String.join("\n", List.of(
          "weft " + version + " on " + host,
          "       Range: " + range,
          "      Bridge: " + bridge.name() + (bridge.present()
              ? " (" + (bridge.up() ? "up" : "down") + ", MTU " + bridge.mtu() + ", " + bridge.mac() + ")"
              : " (absent)"),
          "     Exposed: " + (bridge.addresses().isEmpty() ? "none" : CommandFields.join(bridge.addresses())),
          "  Containers: " + containers));
    }
  }
}
