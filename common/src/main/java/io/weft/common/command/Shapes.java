package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;

/** The three shapes a verb's command takes, each with its words and JSON written once. */
final class Shapes {

  private Shapes() {}

  /** {@code VERB [CIDR...] CONTAINER}: attach, detach. */
  interface OnContainer<R extends Result> extends Command<R> {
    List<Cidr> cidrs();

    String container();

    @Override
    default List<String> args() {
      return CommandWords.of(cidrs(), container());
    }

    @Override
    default JsonObject toJson() {
      return new JsonObject().put("cidrs", CommandFields.json(cidrs())).put("container", container());
    }
  }

  /** {@code VERB [CIDR...]}: expose, hide. */
  interface OnAddresses<R extends Result> extends Command<R> {
    List<Cidr> cidrs();

    @Override
    default List<String> args() {
      return CommandWords.of(cidrs(), null);
    }

    @Override
    default JsonObject toJson() {
      return new JsonObject().put("cidrs", CommandFields.json(cidrs()));
    }
  }

  /** {@code VERB} alone: ps, status, reset. */
  interface Bare<R extends Result> extends Command<R> {
    @Override
    default List<String> args() {
      return List.of();
    }

    @Override
    default JsonObject toJson() {
      return new JsonObject();
    }
  }
}
