package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every verb a host carries out, in the order help lists them, and the two outside forms of a
 * command: the words typed after {@code weft} (or {@code --local}), Weave's grammar, and JSON
 * ({@code {"verb": "attach", "cidrs": [...], ...}}). Everything that arrives is checked here, so
 * a handler only ever sees a well-formed command. A new verb is one line here.
 */
public final class Verbs {

  public static final List<Verb<?>> ALL = List.of(
      Attach.VERB, Detach.VERB, Expose.VERB, Hide.VERB, Ps.VERB, Status.VERB, Reset.VERB,
      RemovePeer.VERB, DnsAdd.VERB, DnsRemove.VERB, DnsLookup.VERB, DnsArgs.VERB);

  /** The verbs that only read a host's state: all a read-only credential may send. */
  public static final List<Verb<?>> READS = List.of(Ps.VERB, Status.VERB, DnsLookup.VERB, DnsArgs.VERB);

  private Verbs() {}

  /** Whether {@code name} is a verb that changes nothing ({@link #READS}). */
  public static boolean reads(String name) {
    return READS.stream().anyMatch(v -> v.name().equals(name));
  }

  public static List<String> names() {
    return ALL.stream().map(Verb::name).toList();
  }

  public static Optional<Verb<?>> named(String name) {
    return ALL.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** Parses {@code VERB ARGS...}, e.g. {@code attach 10.32.1.5/12 web}. */
  public static Command<?> fromWords(List<String> words) {
    if (words.isEmpty()) {
      throw bad("no command given (one of: " + String.join(", ", names()) + ")");
    }
    Verb<?> verb = named(words.get(0)).orElseThrow(() -> bad("unknown command '" + words.get(0)
        + "' (one of: " + String.join(", ", names()) + ")"));
    return verb.fromWords().apply(words.subList(1, words.size()));
  }

  /** The words {@link #fromWords} reads back into the same command. */
  public static List<String> toWords(Command<?> command) {
    List<String> words = new ArrayList<>();
    words.add(command.verb().name());
    words.addAll(command.args());
    return words;
  }

  /** The command as a message: {@code {"verb": ..., fields...}}. */
  public static JsonObject toJson(Command<?> command) {
    return new JsonObject().put("verb", command.verb().name()).mergeIn(command.toJson());
  }

  /** Reads a command message; anything malformed is a {@link ErrorCode#BAD_REQUEST}. */
  public static Command<?> fromJson(JsonObject json) {
    if (json == null) {
      throw bad("the message has no JSON object");
    }
    if (!(json.getValue("verb") instanceof String name)) {
      throw bad("the message has no \"verb\" string");
    }
    Verb<?> verb = named(name).orElseThrow(() -> bad("unknown verb '" + shorten(name) + "'"));
    for (String field : json.fieldNames()) {
      if (!field.equals("verb") && !verb.fields().contains(field)) {
        throw bad("the " + name + " message has no field \"" + shorten(field) + "\" ("
            + (verb.fields().isEmpty() ? "it takes none" : "it takes " + String.join(", ", verb.fields()))
            + ")");
      }
    }
    try {
      return verb.fromJson().apply(json);
    } catch (ClassCastException e) {
      throw bad("a field of the " + name + " message has the wrong type");
    }
  }

  /** A host's result for {@code verb}, typed; an unknown verb's result is kept as JSON. */
  public static Result resultOf(String verb, JsonObject result) {
    return named(verb).<Result>map(v -> v.resultFromJson().apply(result))
        .orElseGet(() -> new Result() {
          @Override
          public JsonObject toJson() {
            return result;
          }

          @Override
          public String text() {
            return result.encodePrettily();
          }
        });
  }

  /** A field's name as an error may quote it: never the whole of a long one. */
  private static String shorten(String field) {
    return field.length() <= 40 ? field : field.substring(0, 40) + "...";
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
