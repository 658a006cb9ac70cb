package io.weft.common.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON fields verbs share, read strictly where they come from outside (a message's fields)
 * and leniently where they come from an agent (a reply's result).
 */
final class CommandFields {

  private CommandFields() {}

  /** A message's {@code "cidrs"}: absent is none; anything but an array of strings is BAD_REQUEST. */
  static List<Cidr> cidrs(JsonObject json) {
    if (!(json.getValue("cidrs", new JsonArray()) instanceof JsonArray array)) {
      throw CommandWords.bad("\"cidrs\" must be an array of strings");
    }
    if (array.size() > AddressLimits.MAX_CIDRS) {
      throw CommandWords.bad("a command names at most " + AddressLimits.MAX_CIDRS + " addresses, not "
          + array.size());
    }
    List<Cidr> cidrs = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw CommandWords.bad("\"cidrs\" must be an array of strings");
      }
      cidrs.add(Cidr.parse(text));
    }
    return cidrs;
  }

  /** A message's {@code "force"}: absent is false; anything but a boolean is BAD_REQUEST. */
  static boolean force(JsonObject json) {
    Object force = json.getValue("force", false);
    if (!(force instanceof Boolean b)) {
      throw CommandWords.bad("\"force\" must be true or false");
    }
    return b;
  }

  /** {@code words}, with {@value AddressLimits#FORCE} first when {@code force}. */
  static List<String> forced(boolean force, List<String> words) {
    if (!force) {
      return words;
    }
    List<String> all = new ArrayList<>(List.of(AddressLimits.FORCE));
    all.addAll(words);
    return all;
  }

  /** Longer than any container's name or id: a longer one is not one. */
  static final int MAX_CONTAINER = 256;

  /** A message's {@code "container"}, which must be there. */
  static String container(JsonObject json) {
    if (!(json.getValue("container") instanceof String container) || container.isBlank()) {
      throw CommandWords.bad("the message has no \"container\" string");
    }
    if (container.length() > MAX_CONTAINER) {
      throw CommandWords.bad("\"container\" is a container's name or id, at most " + MAX_CONTAINER
          + " characters, not " + container.length());
    }
    return container;
  }

  static JsonArray json(List<?> items) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toString()));
    return array;
  }

  /** A result's list of CIDRs; absent is none. */
  static List<Cidr> cidrList(JsonObject json, String key) {
    List<Cidr> cidrs = new ArrayList<>();
    for (Object item : json.getJsonArray(key, new JsonArray())) {
      cidrs.add(Cidr.parse(String.valueOf(item)));
    }
    return cidrs;
  }

  /** A result's list of strings; absent is none. */
  static List<String> stringList(JsonObject json, String key) {
    List<String> strings = new ArrayList<>();
    json.getJsonArray(key, new JsonArray()).forEach(item -> strings.add(String.valueOf(item)));
    return strings;
  }

  /** Words joined by spaces, as the text forms print lists. */
  static String join(List<?> items) {
    return String.join(" ", items.stream().map(String::valueOf).toList());
  }

  static String shortId(String id) {
    return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
  }
}
