package io.weft.common.bus;

/**
 * The event-bus addresses of weft, part of its API (docs/event-bus.md). Every message is a JSON
 * object; every reply is a {@link HostReply} envelope.
 */
public final class BusAddresses {

  /** Each agent consumes commands for its own host at {@code weft.host.<name>}. */
  public static final String HOST_PREFIX = "weft.host.";
  /** Any one agent answers fleet questions here: {@code {"query": "peers"}}. */
  public static final String FLEET = "weft.fleet";
  /**
   * The fleet's events, published by the agent where each happened: {@link FleetEvent}. Bridge
   * clients, JVM services and {@code weft events} subscribe to it.
   */
  public static final String EVENTS = "weft.events";
  /**
   * Between agents only: each answers for its own address blocks at {@code weft.ipam.<name>}
   * (space given, an address claimed or released for another host's container).
   */
  public static final String IPAM_PREFIX = "weft.ipam.";
  /**
   * Between agents only: an agent whose side of a split merged into the fleet publishes its name
   * here, and every agent enters its own entries of the replicated maps again.
   */
  public static final String MERGED = "weft.merged";
  /**
   * Between agents only: each agent publishes its wire entry here whenever it changes, beside
   * the replicated map, which routes a write through the entry's partition owner: for a pair of
   * hosts cut from each other that owner may be the other end, so the relay would never learn
   * of the cut from the map in time.
   */
  public static final String WIRE = "weft.wire";

  /**
   * A command's header naming who it comes from, so that the host carrying it out can share its
   * queue fairly: {@code bridge:NAME SERIAL} for a bridge client (set by the bridge, whatever the
   * client sent), {@code api:HOST} for the API of an agent; none for another member's.
   */
  public static final String ORIGIN_HEADER = "weft-origin";

  private BusAddresses() {}

  public static String host(String name) {
    return HOST_PREFIX + name;
  }

  public static String ipam(String name) {
    return IPAM_PREFIX + name;
  }
}
