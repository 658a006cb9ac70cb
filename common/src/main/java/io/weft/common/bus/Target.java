package io.weft.common.bus;

import io.vertx.core.json.JsonArray;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which hosts a command goes to: the agent's own host ({@code self}), every host of the fleet
 * ({@code all}), or hosts by name. The command line's {@code --host} and a request's {@code
 * "target"} both read into this.
 */
public record Target(boolean all, List<String> names) {

  public static final Target SELF = new Target(false, List.of());
  public static final Target ALL = new Target(true, List.of());

  public Target {
    names = List.copyOf(names);
  }

  /** From {@code --host}: absent, blank or {@code self} is this host; {@code all}; NAME[,NAME...]. */
  public static Target parse(String spec) {
    if (spec == null || spec.isBlank() || spec.strip().equals("self")) {
      return SELF;
    }
    if (spec.strip().equals("all")) {
      return ALL;
    }
    return new Target(false, Arrays.stream(spec.split(",")).map(String::strip)
        .filter(name -> !name.isEmpty()).toList());
  }

  /** From a request's {@code "target"}: absent is {@code self}; a string; or an array of names. */
  /** More hosts than any fleet has: a request naming more is not one. */
  static final int MAX_NAMES = 1024;
  /** As long as a DNS name may be; a host's name is shorter. */
  static final int MAX_NAME = 253;

  private static String hostName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw bad("a host's name is 1 to " + MAX_NAME + " characters, not " + name.length());
    }
    return name;
  }

  public static Target fromJson(Object json) {
    if (json == null || "self".equals(json)) {
      return SELF;
    }
    if ("all".equals(json)) {
      return ALL;
    }
    if (json instanceof String name) {
      return new Target(false, List.of(hostName(name)));
    }
    if (json instanceof JsonArray array && !array.isEmpty()) {
      if (array.size() > MAX_NAMES) {
        throw bad("\"target\" names at most " + MAX_NAMES + " hosts, not " + array.size());
      }
      List<String> names = new ArrayList<>();
      for (Object name : array) {
        if (!(name instanceof String text)) {
          throw bad("\"target\" names must be strings");
        }
        names.add(hostName(text));
      }
      return new Target(false, names);
    }
    throw bad("\"target\" must be \"self\", \"all\", a host's name or an array of names");
  }

  public boolean isSelf() {
    return !all && names.isEmpty();
  }

  /** More than one host can answer: each reply is shown under its host's name. */
  public boolean isMany() {
    return all || names.size() > 1;
  }

  /** The hosts by name, {@code self} meaning {@code selfName}; not for {@link #ALL}. */
  public List<String> hosts(String selfName) {
    return isSelf() ? List.of(selfName)
        : names.stream().map(name -> name.equals("self") ? selfName : name).toList();
  }

  public Object toJson() {
    if (all) {
      return "all";
    }
    if (names.isEmpty()) {
      return "self";
    }
    return names.size() == 1 ? names.get(0) : new JsonArray(names);
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
