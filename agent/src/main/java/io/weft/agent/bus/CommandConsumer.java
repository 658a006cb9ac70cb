package io.weft.agent.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Result;
import io.weft.common.command.Verbs;
import java.util.function.Function;

/**
 * This host's commands from the bus, at {@code weft.host.<name>}: every message gets exactly one
 * {@link HostReply}, malformed ones included, and the agent keeps serving whatever arrives.
 * The work (netlink, Docker) blocks, so it runs off the event loop, one command at a time per
 * host, in arrival order.
 */
public final class CommandConsumer {

  private final Vertx vertx;
  private final String host;
  private final Function<Command<?>, Result> commands;
  private final AgentMetrics metrics;

  /** @param commands carries a command out on this host (blocking); a failure is thrown */
  public CommandConsumer(Vertx vertx, String host, Function<Command<?>, Result> commands,
      AgentMetrics metrics) {
    this.vertx = vertx;
    this.host = host;
    this.commands = commands;
    this.metrics = metrics;
  }

  public Future<MessageConsumer<Object>> register() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(BusAddresses.host(host), this::handle);
    return consumer.completion().map(consumer);
  }

  private void handle(Message<Object> message) {
    long start = System.nanoTime();
    Command<?> command;
    try {
      if (!(message.body() instanceof JsonObject json)) {
        throw new WeftException(ErrorCode.BAD_REQUEST, "a command must be a JSON object");
      }
      command = Verbs.fromJson(json);
    } catch (WeftException e) {
      metrics.command("malformed", e.code(), System.nanoTime() - start);
      message.reply(HostReply.failed(host, e).toJson());
      return;
    }
    vertx.executeBlocking(() -> commands.apply(command), true)
        .onComplete(done -> {
          HostReply reply = done.succeeded()
              ? HostReply.ok(host, done.result().toJson())
              : failure(done.cause());
          metrics.command(command.verb().name(), reply.code(), System.nanoTime() - start);
          message.reply(reply.toJson());
        });
  }

  private HostReply failure(Throwable cause) {
    if (cause instanceof WeftException e) {
      return HostReply.failed(host, e);
    }
    return HostReply.failed(host, ErrorCode.INTERNAL, String.valueOf(cause));
  }
}
