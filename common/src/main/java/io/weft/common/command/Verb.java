package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * A verb's whole description, kept beside its command record: its name and help as the command
 * line and the shell show them, and how its command is read from words and from JSON and its
 * result from JSON. Adding a verb is one record with one of these, and a line in {@link Verbs}.
 *
 * @param name as typed: {@code attach}
 * @param synopsis the arguments after the verb, as help shows them: {@code [CIDR...] CONTAINER}
 * @param description one or two sentences of help
 * @param fromWords reads the words after the verb; BAD_REQUEST or BAD_CIDR when they are wrong
 * @param fromJson reads a message's fields; BAD_REQUEST when they are wrong
 * @param resultFromJson reads a reply's {@code result}
 * @param fields every field its message may have beside {@code verb}: {@link Verbs#fromJson}
 *     refuses any other, so nothing rides along unread (a padded {@code ps} is refused, not read)
 */
public record Verb<R extends Result>(String name, String synopsis, String description,
    Function<List<String>, Command<R>> fromWords, Function<JsonObject, Command<R>> fromJson,
    Function<JsonObject, R> resultFromJson, List<String> fields) {

  public Verb {
    fields = List.copyOf(fields);
  }
}
