package io.weft.agent.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BusAddresses;
import java.util.function.Supplier;

/** Answers questions about the fleet at {@code weft.fleet}; any one agent can. */
public final class FleetConsumer {

  private final Vertx vertx;
  private final Supplier<JsonArray> peers;

  public FleetConsumer(Vertx vertx, Supplier<JsonArray> peers) {
    this.vertx = vertx;
    this.peers = peers;
  }

  public Future<MessageConsumer<Object>> register() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(BusAddresses.FLEET, this::handle);
    return consumer.completion().map(consumer);
  }

  private void handle(Message<Object> message) {
    if (message.body() instanceof JsonObject json && "peers".equals(json.getString("query"))) {
      vertx.executeBlocking(peers::get, false).onComplete(done -> {
        if (done.succeeded()) {
          message.reply(new JsonObject().put("peers", done.result()));
        } else {
          message.fail(500, String.valueOf(done.cause()));
        }
      });
    } else {
      message.fail(400, "weft.fleet takes {\"query\": \"peers\"}");
    }
  }
}
