package io.weft.common.client;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed client for JVM services on weft's event bus: send a command to one host, several,
 * or all, and get one {@link HostReply} per host. A host that is unknown or silent yields a
 * failed reply for that host, never a failed future, so one bad host cannot hide the others.
 */
public final class WeftClient {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final EventBus bus;
  private final Duration timeout;
  private final String origin;

  public WeftClient(EventBus bus) {
    this(bus, DEFAULT_TIMEOUT);
  }

  public WeftClient(EventBus bus, Duration timeout) {
    this(bus, timeout, null);
  }

  /**
   * @param origin who the commands come from ({@link BusAddresses#ORIGIN_HEADER}), so that a
   *     host shares its queue fairly between senders; null: none said
   */
  public WeftClient(EventBus bus, Duration timeout, String origin) {
    this.bus = bus;
    this.timeout = timeout;
    this.origin = origin;
  }

  /** The command carried out on {@code host}, within the timeout. */
  public Future<HostReply> send(String host, Command<?> command) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    if (origin != null) {
      options.addHeader(BusAddresses.ORIGIN_HEADER, origin);
    }
    return bus.<Object>request(BusAddresses.host(host), Verbs.toJson(command), options)
        .map(reply -> reply.body() instanceof JsonObject json
            ? HostReply.fromJson(json)
            : HostReply.failed(host, ErrorCode.INTERNAL, "the host's reply is not JSON"))
        .recover(failure -> Future.succeededFuture(unreachable(host, failure)));
  }

  /** The command on each host at once; replies in the order of {@code hosts}. */
  public Future<List<HostReply>> send(List<String> hosts, Command<?> command) {
    List<Future<HostReply>> replies = new ArrayList<>();
    hosts.forEach(host -> replies.add(send(host, command)));
    return Future.all(replies).map(all -> {
      List<HostReply> list = new ArrayList<>();
      for (int i = 0; i < replies.size(); i++) {
        list.add(all.resultAt(i));
      }
      return list;
    });
  }

  /** The command on every host the fleet knows. */
  public Future<List<HostReply>> sendToAll(Command<?> command) {
    return hosts().compose(hosts -> send(hosts, command));
  }

  /** The fleet's peers, as any agent knows them: name, address, version, since. */
  public Future<JsonArray> peers() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    return bus.<JsonObject>request(BusAddresses.FLEET, new JsonObject().put("query", "peers"), options)
        .map(reply -> reply.body().getJsonArray("peers", new JsonArray()));
  }

  /** The names of the fleet's hosts. */
  public Future<List<String>> hosts() {
    return peers().map(peers -> peers.stream()
        .map(p -> ((JsonObject) p).getString("name"))
        .sorted()
        .toList());
  }

  private static HostReply unreachable(String host, Throwable failure) {
    if (failure instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
      return HostReply.failed(host, ErrorCode.NO_SUCH_HOST, "no host named '" + host + "' in the fleet");
    }
    if (failure instanceof ReplyException e && e.failureType() == ReplyFailure.TIMEOUT) {
      return HostReply.failed(host, ErrorCode.TIMEOUT, host + " did not answer in time");
    }
    return HostReply.failed(host, ErrorCode.INTERNAL, host + ": " + failure.getMessage());
  }
}
