package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One thing a host is asked to do, whatever carried the request (the command line, {@code
 * --local}, or a message). Each verb is a record of its own that knows its words and its JSON;
 * {@link Verbs} lists them.
 *
 * @param <R> what the verb's reply carries
 */
public interface Command<R extends Result> {

  /** The verb's description: its name, help, and how to read it and its result back. */
  Verb<R> verb();

  /** The words after the verb that read back into this command ({@code 10.32.1.5/12 web}). */
  List<String> args();

  /** The command's fields as JSON, without the verb. */
  JsonObject toJson();
}
