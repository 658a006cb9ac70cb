package io.weft.common.command;

import io.vertx.core.json.JsonObject;

/**
 * What a host did for a command: the {@code result} of its reply ({@link
 * io.weft.common.bus.HostReply}), in JSON for programs and in text for people.
 */
public interface Result {

  /** The JSON of the event-bus API and of {@code --json}. */
  JsonObject toJson();

  /** What {@code weft VERB} prints without {@code --json}. */
  String text();
}
