package io.weft.common.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The two outside forms of a {@link Command}: the words typed after {@code weft} (or {@code
 * --local}), Weave's grammar, and JSON ({@code {"verb": "attach", "cidrs": [...], ...}}).
 * Everything that arrives is checked here, so a handler only ever sees a well-formed command.
 */
public final class CommandCodec {

  public static final List<String> VERBS =
      List.of("attach", "detach", "expose", "hide", "ps", "status", "reset");

  private CommandCodec() {}

  /** Parses {@code VERB ARGS...}, e.g. {@code attach 10.32.1.5/12 web}. */
  public static Command fromArgs(List<String> words) {
    if (words.isEmpty()) {
      throw bad("no command given (one of: " + String.join(", ", VERBS) + ")");
    }
    String verb = words.get(0);
    List<String> args = words.subList(1, words.size());
    return switch (verb) {
      case "attach", "detach" -> containerCommand(verb, args);
      case "expose" -> new ExposeCommand(cidrs(verb, args, args.size()));
      case "hide" -> new HideCommand(cidrs(verb, args, args.size()));
      case "ps" -> noArgs(verb, args, new PsCommand());
      case "status" -> noArgs(verb, args, new StatusCommand());
      case "reset" -> noArgs(verb, args, new ResetCommand());
      default -> throw bad("unknown command '" + verb + "' (one of: " + String.join(", ", VERBS) + ")");
    };
  }

  /** The words {@link #fromArgs} reads back into the same command. */
  public static List<String> toArgs(Command command) {
    List<String> words = new ArrayList<>();
    words.add(command.verb());
    if (command instanceof AttachCommand c) {
      c.cidrs().forEach(cidr -> words.add(cidr.toString()));
      words.add(c.container());
    } else if (command instanceof DetachCommand c) {
      c.cidrs().forEach(cidr -> words.add(cidr.toString()));
      words.add(c.container());
    } else if (command instanceof ExposeCommand c) {
      c.cidrs().forEach(cidr -> words.add(cidr.toString()));
    } else if (command instanceof HideCommand c) {
      c.cidrs().forEach(cidr -> words.add(cidr.toString()));
    }
    return words;
  }

  public static JsonObject toJson(Command command) {
    return new JsonObject().put("verb", command.verb()).mergeIn(command.toJson());
  }

  /** Reads a command message; anything malformed is a {@link ErrorCode#BAD_REQUEST}. */
  public static Command fromJson(JsonObject json) {
    if (json == null) {
      throw bad("the message has no JSON object");
    }
    Object verb = json.getValue("verb");
    if (!(verb instanceof String name)) {
      throw bad("the message has no \"verb\" string");
    }
    try {
      return switch (name) {
        case "attach" -> new AttachCommand(cidrs(json), container(json));
        case "detach" -> new DetachCommand(cidrs(json), container(json));
        case "expose" -> new ExposeCommand(cidrs(json));
        case "hide" -> new HideCommand(cidrs(json));
        case "ps" -> new PsCommand();
        case "status" -> new StatusCommand();
        case "reset" -> new ResetCommand();
        default -> throw bad("unknown verb '" + name + "'");
      };
    } catch (ClassCastException e) {
      throw bad("a field of the " + name + " message has the wrong type");
    }
  }

  static JsonArray cidrsToJson(List<Cidr> cidrs) {
    JsonArray array = new JsonArray();
    cidrs.forEach(cidr -> array.add(cidr.toString()));
    return array;
  }

  private static Command containerCommand(String verb, List<String> args) {
    if (args.isEmpty()) {
      throw bad(verb + " needs a container: " + verb + " [CIDR...] CONTAINER");
    }
    String container = args.get(args.size() - 1);
    if (Cidr.looksLikeCidr(container)) {
      throw bad(verb + " needs a container after the addresses: " + verb + " [CIDR...] CONTAINER");
    }
    List<Cidr> cidrs = cidrs(verb, args, args.size() - 1);
    return verb.equals("attach")
        ? new AttachCommand(cidrs, container)
        : new DetachCommand(cidrs, container);
  }

  private static List<Cidr> cidrs(String verb, List<String> args, int count) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String arg : args.subList(0, count)) {
      if (!Cidr.looksLikeCidr(arg) && !arg.contains("/")) {
        throw bad(verb + ": '" + arg + "' is not a CIDR (address/prefix, e.g. 10.32.1.5/12)");
      }
      cidrs.add(Cidr.parse(arg));
    }
    return cidrs;
  }

  private static Command noArgs(String verb, List<String> args, Command command) {
    if (!args.isEmpty()) {
      throw bad(verb + " takes no arguments, got '" + String.join(" ", args) + "'");
    }
    return command;
  }

  private static List<Cidr> cidrs(JsonObject json) {
    JsonArray array = json.getJsonArray("cidrs", new JsonArray());
    List<Cidr> cidrs = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw bad("\"cidrs\" must be an array of strings");
      }
      cidrs.add(Cidr.parse(text));
    }
    return cidrs;
  }

  private static String container(JsonObject json) {
    String container = json.getString("container");
    if (container == null || container.isBlank()) {
      throw bad("the message has no \"container\"");
    }
    return container;
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
