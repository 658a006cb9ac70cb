package io.weft.agent.dns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.net.Ipv4;
import java.util.List;

/**
 * One entry of the fleet's DNS map: the names one owner on one host answers to, and its
 * addresses. Keyed {@code host|owner}, written by that host alone; the owner is a container's id,
 * or {@code +NAME} for records added with dns-add.
 */
record NameEntry(String host, String owner, List<String> names, List<Ipv4> addresses) {

  static final String ADDED_PREFIX = "+";

  NameEntry {
    names = List.copyOf(names);
    addresses = List.copyOf(addresses);
  }

  /** The entry of records added with dns-add for {@code name}. */
  static NameEntry added(String host, String name, List<Ipv4> addresses) {
    return new NameEntry(host, ADDED_PREFIX + name, List.of(name), addresses);
  }

  String key() {
    return host + "|" + owner;
  }

  boolean isAdded() {
    return owner.startsWith(ADDED_PREFIX);
  }

  String value() {
    JsonArray addressArray = new JsonArray();
    addresses.forEach(a -> addressArray.add(a.toString()));
    return new JsonObject().put("names", new JsonArray(names)).put("addresses", addressArray).encode();
  }

  /** Reads a map entry; an IllegalArgumentException (or a JSON one) when it does not read. */
  static NameEntry read(String key, String value) {
    int bar = key.indexOf('|');
    if (bar <= 0 || bar == key.length() - 1) {
      throw new IllegalArgumentException("not a host|owner key");
    }
    JsonObject json = new JsonObject(value);
    List<String> names = json.getJsonArray("names").stream().map(String::valueOf).toList();
    List<Ipv4> addresses = json.getJsonArray("addresses").stream().map(a -> Ipv4.parse(String.valueOf(a))).toList();
    return new NameEntry(key.substring(0, bar), key.substring(bar + 1), names, addresses);
  }

  /** The host part of a key. */
  static String hostOf(String key) {
    int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }
}
