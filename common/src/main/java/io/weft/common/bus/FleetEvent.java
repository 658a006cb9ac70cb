package io.weft.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.ContainerView;
import io.weft.common.net.Cidr;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * One thing that happened in the fleet, as published on {@link BusAddresses#EVENTS}: {@code
 * {"event": "attached", "host": "host2", "at": "2026-12-01T17:02:03.456Z", ...}} with the
 * fields of its kind beside (docs/event-bus.md lists them). {@code host} is the host it is about;
 * the agent of that host publishes it, except for a dead peer, which the oldest member reports.
 */
public record FleetEvent(Kind kind, String host, Instant at, JsonObject fields) {

  /** The kinds of event, by their name on the wire. */
  public enum Kind {
    PEER_JOINED("peer-joined"),
    PEER_LEFT("peer-left"),
    PEER_DEAD("peer-dead"),
    ATTACHED("attached"),
    DETACHED("detached"),
    REATTACHED("reattached"),
    BLOCKS_TAKEN("blocks-taken"),
    BLOCKS_GIVEN("blocks-given"),
    CONFLICT("conflict"),
    /** Not on the bus: what a subscriber is told when events were dropped for it (too slow). */
    DROPPED("dropped");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind of(String wire) {
      return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst()
          .orElseThrow(() -> new WeftException(ErrorCode.BAD_REQUEST, "unknown event '" + wire + "'"));
    }
  }

  public FleetEvent {
    fields = fields == null ? new JsonObject() : fields.copy();
  }

  public static FleetEvent of(Kind kind, String host, JsonObject fields) {
    return new FleetEvent(kind, host, Instant.now().truncatedTo(ChronoUnit.MILLIS), fields);
  }

  public static FleetEvent peerJoined(String host, String address) {
    return of(Kind.PEER_JOINED, host, new JsonObject().put("address", address));
  }

  public static FleetEvent peerLeft(String host) {
    return of(Kind.PEER_LEFT, host, null);
  }

  /** {@code reporter}: the member that noticed the host gone without a word. */
  public static FleetEvent peerDead(String host, String reporter) {
    return of(Kind.PEER_DEAD, host, new JsonObject().put("reportedBy", reporter));
  }

  /** A container got addresses: {@code added} now, {@code container} with all it has. */
  public static FleetEvent attached(String host, ContainerView container, List<Cidr> added) {
    return containerEvent(Kind.ATTACHED, host, container, "added", added);
  }

  public static FleetEvent detached(String host, ContainerView container, List<Cidr> removed) {
    return containerEvent(Kind.DETACHED, host, container, "removed", removed);
  }

  /** A container that started again got back the addresses it had. */
  public static FleetEvent reattached(String host, String containerId, List<Cidr> addresses) {
    return of(Kind.REATTACHED, host, new JsonObject()
        .put("container", new JsonObject().put("id", containerId)).put("addresses", cidrs(addresses)));
  }

  /** {@code host} took {@code blocks} address blocks ({@code from}: whose they were, or null). */
  public static FleetEvent blocksTaken(String host, int blocks, String from) {
    JsonObject fields = new JsonObject().put("blocks", blocks);
    if (from != null) {
      fields.put("from", from);
    }
    return of(Kind.BLOCKS_TAKEN, host, fields);
  }

  public static FleetEvent blocksGiven(String host, int blocks, String to) {
    return of(Kind.BLOCKS_GIVEN, host, new JsonObject().put("blocks", blocks).put("to", to));
  }

  /**
   * An address held twice, found and resolved on {@code host}: {@code keeper} keeps it, {@code
   * loser} (on {@code host}) gave it up for {@code renumbered} (empty when it got none).
   */
  public static FleetEvent conflict(String host, Cidr address, JsonObject keeper, JsonObject loser,
      List<Cidr> renumbered) {
    return of(Kind.CONFLICT, host, new JsonObject().put("address", address.toString())
        .put("keeper", keeper).put("loser", loser).put("resolution", new JsonObject()
            .put("gaveUp", address.toString()).put("newAddresses", cidrs(renumbered))));
  }

  /** Told to one subscriber: {@code count} events were dropped for it since the last notice. */
  public static FleetEvent dropped(String host, long count) {
    return of(Kind.DROPPED, host, new JsonObject().put("count", count));
  }

  private static FleetEvent containerEvent(Kind kind, String host, ContainerView container,
      String key, List<Cidr> changed) {
    return of(kind, host, new JsonObject()
        .put("container", new JsonObject().put("id", container.id()).put("name", container.name()))
        .put(key, cidrs(changed)).put("addresses", cidrs(container.addresses())));
  }

  private static JsonArray cidrs(List<Cidr> cidrs) {
    JsonArray array = new JsonArray();
    cidrs.forEach(c -> array.add(c.toString()));
    return array;
  }

  public JsonObject toJson() {
    return new JsonObject().put("event", kind.wire()).put("host", host).put("at", at.toString())
        .mergeIn(fields);
  }

  public static FleetEvent fromJson(JsonObject json) {
    try {
      JsonObject fields = json.copy();
      fields.remove("event");
      fields.remove("host");
      fields.remove("at");
      return new FleetEvent(Kind.of(json.getString("event")), json.getString("host"),
          Instant.parse(json.getString("at")), fields);
    } catch (RuntimeException e) {
      if (e instanceof WeftException w) {
        throw w;
      }
      throw new WeftException(ErrorCode.BAD_REQUEST, "not a fleet event: " + json.encode());
    }
  }

  /** One line for people: {@code 17:02:03.456 host2 attached web 10.32.0.5/12}. */
  public String line() {
    String time = at.toString().substring(11).replace("Z", "");
    return time + " " + host + " " + kind.wire() + describe();
  }

  private String describe() {
    JsonObject c = fields.getJsonObject("container");
    String who = c == null ? "" : " " + (c.getString("name") != null ? c.getString("name")
        : c.getString("id", "").substring(0, Math.min(12, c.getString("id", "").length())));
    return switch (kind) {
      case PEER_JOINED -> " at " + fields.getString("address");
      case PEER_LEFT -> "";
      case PEER_DEAD -> " (noticed by " + fields.getString("reportedBy") + ")";
      case ATTACHED -> who + " " + join(fields.getJsonArray("added"));
      case DETACHED -> who + " " + join(fields.getJsonArray("removed"));
      case REATTACHED -> who + " " + join(fields.getJsonArray("addresses"));
      case BLOCKS_TAKEN -> " " + fields.getInteger("blocks")
          + (fields.containsKey("from") ? " from " + fields.getString("from") : "");
      case BLOCKS_GIVEN -> " " + fields.getInteger("blocks") + " to " + fields.getString("to");
      case CONFLICT -> " " + fields.getString("address") + ": " + holder(fields.getJsonObject("keeper"))
          + " keeps it, " + holder(fields.getJsonObject("loser")) + " now has "
          + join(fields.getJsonObject("resolution").getJsonArray("newAddresses"));
      case DROPPED -> " " + fields.getLong("count") + " events (this subscriber was too slow)";
    };
  }

  private static String holder(JsonObject h) {
    return h == null ? "?" : h.getString("container", "?") + "@" + h.getString("host", "?");
  }

  private static String join(JsonArray array) {
    return array == null || array.isEmpty() ? "-" : String.join(",", array.stream().map(String::valueOf).toList());
  }
}
