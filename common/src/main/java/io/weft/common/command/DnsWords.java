package io.weft.common.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The words and fields the DNS verbs share: {@code IP... -h NAME}, Weave's grammar, and their JSON. */
final class DnsWords {

  /** {@code [IP...] -h NAME}, read. */
  record AddressesAndName(List<Ipv4> addresses, String name) {}

  /** A DNS verb of {@code [IP...] -h NAME}: its words and its JSON written once. */
  interface OnName<R extends Result> extends Command<R> {
    List<Ipv4> addresses();

    String name();

    @Override
    default List<String> args() {
      return words(addresses(), name());
    }

    @Override
    default JsonObject toJson() {
      return new JsonObject().put("addresses", CommandFields.json(addresses())).put("name", name());
    }
  }

  /** A command made of the words {@code [IP...] -h NAME}. */
  static <C> C fromWords(String verb, String synopsis, List<String> args,
      BiFunction<List<Ipv4>, String, C> make) {
    AddressesAndName words = addressesAndName(verb, synopsis, args);
    return make.apply(words.addresses(), words.name());
  }

  /** A command made of a message's {@code "addresses"} and {@code "name"}. */
  static <C> C fromJson(JsonObject json, BiFunction<List<Ipv4>, String, C> make) {
    return make.apply(addresses(json), name(json));
  }

  private DnsWords() {}

  /** Reads {@code IP... -h NAME}; {@code synopsis} is shown when the words are wrong. */
  static AddressesAndName addressesAndName(String verb, String synopsis, List<String> args) {
    List<Ipv4> addresses = new ArrayList<>();
    String name = null;
    for (int i = 0; i < args.size(); i++) {
      String word = args.get(i);
      if (word.equals("-h") || word.equals("--hostname")) {
        if (i + 1 == args.size() || name != null) {
          throw CommandWords.bad(verb + " takes one -h NAME: " + verb + " " + synopsis);
        }
        name = DnsNames.normalize(args.get(++i));
      } else {
        addresses.add(Ipv4.parse(word));
      }
    }
    if (name == null) {
      throw CommandWords.bad(verb + " needs a name: " + verb + " " + synopsis);
    }
    return new AddressesAndName(addresses, name);
  }

  /** The words of {@code [IP...] -h NAME}. */
  static List<String> words(List<Ipv4> addresses, String name) {
    List<String> words = new ArrayList<>();
    addresses.forEach(a -> words.add(a.toString()));
    words.addAll(List.of("-h", name));
    return words;
  }

  /** A message's {@code "addresses"}: absent is none; anything but an array of strings is BAD_REQUEST. */
  static List<Ipv4> addresses(JsonObject json) {
    List<Ipv4> addresses = new ArrayList<>();
    if (!(json.getValue("addresses", new JsonArray()) instanceof JsonArray array)) {
      throw CommandWords.bad("\"addresses\" must be an array of strings");
    }
    if (array.size() > AddressLimits.MAX_CIDRS) {
      throw CommandWords.bad("a command names at most " + AddressLimits.MAX_CIDRS + " addresses, not "
          + array.size());
    }
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw CommandWords.bad("\"addresses\" must be an array of strings");
      }
      addresses.add(Ipv4.parse(text));
    }
    return addresses;
  }

  /** A result's list of addresses; absent is none. */
  static List<Ipv4> addressList(JsonObject json, String key) {
    return CommandFields.stringList(json, key).stream().map(Ipv4::parse).toList();
  }

  /** A message's {@code "name"}, which must be there. */
  static String name(JsonObject json) {
    if (!(json.getValue("name") instanceof String name)) {
      throw CommandWords.bad("the message has no \"name\" string");
    }
    return name;
  }
}
