package io.weft.agent.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BusAddresses;
import io.weft.common.net.Ipv4;
import java.util.Map;

/**
 * Answers other agents for this host's address blocks, at {@code weft.ipam.<name>}: {@code
 * {"op": "give", "from": HOST}} gives that host blocks; {@code {"op": "claim" | "release",
 * "address": A, "holder": {"host", "container"}}} records or forgets an address of a block here.
 * Every message gets one reply: {@code {"ok": true, ...}} or {@code {"ok": false, "code",
 * "message"}}; a malformed one is refused and the agent keeps serving.
 */
public final class IpamConsumer {

  private final Vertx vertx;
  private final String host;
  private final FleetAddressBook book;

  public IpamConsumer(Vertx vertx, String host, FleetAddressBook book) {
    this.vertx = vertx;
    this.host = host;
    this.book = book;
  }

  public Future<MessageConsumer<Object>> register() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(BusAddresses.ipam(host), this::handle);
    return consumer.completion().map(consumer);
  }

  private void handle(Message<Object> message) {
    vertx.executeBlocking(() -> answer(message.body()), false).onComplete(done -> message.reply(
        done.succeeded() ? done.result() : failed(done.cause())));
  }

  private JsonObject answer(Object body) {
    if (!(body instanceof JsonObject json) || !(json.getValue("op") instanceof String op)) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "an ipam message is a JSON object with an \"op\"");
    }
    switch (op) {
      case "give" -> {
        JsonArray blocks = new JsonArray();
        for (Map.Entry<Integer, Integer> b : book.give(text(json, "from")).entrySet()) {
          blocks.add(new JsonArray().add(b.getKey()).add(b.getValue()));
        }
        return new JsonObject().put("ok", true).put("blocks", blocks);
      }
      case "claim" -> book.claimFor(Ipv4.parse(text(json, "address")), holder(json));
      case "release" -> book.releaseFor(Ipv4.parse(text(json, "address")), holder(json));
      default -> throw new WeftException(ErrorCode.BAD_REQUEST, "unknown ipam op '" + op + "'");
    }
    return new JsonObject().put("ok", true);
  }

  private static Owner holder(JsonObject json) {
    if (!(json.getValue("holder") instanceof JsonObject holder)) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "the message has no \"holder\"");
    }
    return new Owner(text(holder, "host"), text(holder, "container"));
  }

  private static String text(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof String value) || value.isBlank()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "the message has no \"" + key + "\"");
    }
    return value;
  }

  private static JsonObject failed(Throwable cause) {
    WeftException e = cause instanceof WeftException w ? w
        : new WeftException(ErrorCode.INTERNAL, String.valueOf(cause));
    return new JsonObject().put("ok", false).put("code", e.code().name()).put("message", e.getMessage());
  }
}
