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
import java.util.List;
import java.util.function.Function;

/**
 * This host's commands from the bus, at {@code weft.host.<name>}: every message gets exactly one
 * {@link HostReply}, malformed ones included, and the agent keeps serving whatever arrives.
 * The work (netlink, Docker) blocks, so it runs off the event loop, one command at a time.
 *
 * <p>What waits is bounded and shared ({@link CommandQueue}): each sender ({@link
 * BusAddresses#ORIGIN_HEADER}) has {@value #PER_ORIGIN} places, the senders take turns, and
 * {@value #TOTAL} wait at most; a command beyond gets a {@code BUSY} reply at once. A command that
 * only reads, waiting beside others equal to it, is carried out once for all of them: a flood of
 * {@code ps} costs one {@code ps}.
 */
public final class CommandConsumer {

  static final int PER_ORIGIN = 32;
  static final int TOTAL = 1024;
  /** A member's commands, which say no origin: the fleet's own. */
  static final String FLEET = "fleet";

  /** A command waiting, with the message to answer. */
  private record Waiting(Command<?> command, Message<Object> message, long since) {}

  private final Vertx vertx;
  private final String host;
  private final Function<Command<?>, Result> commands;
  private final AgentMetrics metrics;
  private final CommandQueue<Waiting> queue = new CommandQueue<>(PER_ORIGIN, TOTAL);
  private boolean running;
  /** When the command running now started ({@link System#nanoTime}); MIN_VALUE while none runs. */
  private volatile long runningSince = Long.MIN_VALUE;

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
    String origin = message.headers().get(BusAddresses.ORIGIN_HEADER);
    String full = queue.offer(origin == null ? FLEET : origin, new Waiting(command, message, start));
    if (full != null) {
      metrics.command(command.verb().name(), ErrorCode.BUSY, System.nanoTime() - start);
      message.reply(HostReply.failed(host, ErrorCode.BUSY, full + "; try again").toJson());
      return;
    }
    runNext();
  }

  /** When the command running now started ({@link System#nanoTime}); {@link Long#MIN_VALUE} while none runs. */
  public long runningSince() {
    return runningSince;
  }

  /** Starts the next command unless one runs; on the consumer's event loop. */
  private void runNext() {
    if (running) {
      return;
    }
    queue.next().ifPresent(first -> {
      running = true;
      Command<?> command = first.command();
      List<Waiting> answered = Verbs.reads(command.verb().name())
          ? withSame(first) : List.of(first);
      runningSince = System.nanoTime();
      vertx.executeBlocking(() -> commands.apply(command), false).onComplete(done -> {
        runningSince = Long.MIN_VALUE;
        HostReply reply = done.succeeded()
            ? HostReply.ok(host, done.result().toJson())
            : failure(done.cause());
        JsonObject json = reply.toJson();
        for (Waiting waiting : answered) {
          metrics.command(command.verb().name(), reply.code(), System.nanoTime() - waiting.since());
          waiting.message().reply(json);
        }
        running = false;
        runNext();
      });
    });
  }

  /** {@code first} and every read waiting that is the same command: one run answers them all. */
  private List<Waiting> withSame(Waiting first) {
    List<Waiting> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(queue.takeAll(w -> w.command().equals(first.command())));
    return all;
  }

  private HostReply failure(Throwable cause) {
    if (cause instanceof WeftException e) {
      return HostReply.failed(host, e);
    }
    return HostReply.failed(host, ErrorCode.INTERNAL, String.valueOf(cause));
  }
}
