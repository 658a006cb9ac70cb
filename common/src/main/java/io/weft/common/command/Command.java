package io.weft.common.command;

import io.vertx.core.json.JsonObject;

/**
 * One thing a host is asked to do, whatever carried the request (the command line, {@code
 * --local}, or a message). Each verb is a record; {@link CommandCodec} gives their JSON and
 * argument forms.
 */
public sealed interface Command
    permits AttachCommand, DetachCommand, ExposeCommand, HideCommand, PsCommand, StatusCommand,
        ResetCommand {

  /** The verb, as typed: {@code attach}, {@code ps}, ... */
  String verb();

  /** The command's fields as JSON, without the verb. */
  JsonObject toJson();
}
