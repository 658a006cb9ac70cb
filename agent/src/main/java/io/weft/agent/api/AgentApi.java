package io.weft.agent.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.weft.agent.bridge.BridgeCredentials;
import io.weft.agent.bridge.EventFeed;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import io.weft.common.words.QuickLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's HTTP API ({@link AgentApiContract}), for programs that are not on the event bus
 * (the command line reaches it with {@code docker exec weft weft-call ...}). It listens on a Unix
 * socket in a folder of the agent's container that only root there may enter: whoever reaches it
 * can change the network, so no user of the host can, and no web page.
 *
 * <p>Every body is bounded ({@link AgentApiContract#MAX_BODY_BYTES}) before it is read. The
 * browser checks of the loopback days stay as a second wall: a request with an {@code Origin} (or
 * a fetch's {@code Sec-Fetch-Site} other than {@code none}), a {@code Host} that is not the
 * loopback's, and a command whose body is not declared JSON are refused.
 */
public final class AgentApi {

  private final Vertx vertx;
  private final String self;
  private final WeftClient client;
  private final EventFeed events;
  private final BridgeCredentials credentials;
  private final Supplier<String> metrics;

  public AgentApi(Vertx vertx, String self, WeftClient client) {
    this(vertx, self, client, null, null, null);
  }

  /**
   * @param events the fleet's events, streamed at {@code GET /v1/events} (null: none)
   * @param credentials signs, lists and revokes bridge credentials at {@code /v1/credentials}
   *     (null: none)
   * @param metrics a Prometheus scrape, served at {@code GET /metrics} (null: none); it blocks
   */
  public AgentApi(Vertx vertx, String self, WeftClient client, EventFeed events,
      BridgeCredentials credentials, Supplier<String> metrics) {
    this.vertx = vertx;
    this.self = self;
    this.client = client;
    this.events = events;
    this.credentials = credentials;
    this.metrics = metrics;
  }

  /** Listens on the contract's socket. */
  public Future<HttpServer> listen() {
    return listen(Path.of(AgentApiContract.SOCKET));
  }

  /**
   * Listens on {@code socket}, replacing one an agent that did not stop cleanly left; its folder
   * is made root's alone (mode 0700) first, so the socket is never reachable by anyone else,
   * not even in the moment before its own mode is set.
   */
  public Future<HttpServer> listen(Path socket) {
    try {
      Path folder = socket.getParent();
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException("cannot prepare " + socket, e));
    }
    return vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(8 * 1024))
        .requestHandler(this::handle)
        .listen(SocketAddress.domainSocketAddress(socket.toString()))
        .compose(server -> {
          try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return Future.succeededFuture(server);
          } catch (IOException e) {
            server.close();
            return Future.failedFuture(new UncheckedIOException("cannot restrict " + socket, e));
          }
        });
  }

  private void handle(HttpServerRequest request) {
    String refusal = BrowserRequests.refusal(request.getHeader("Origin"),
        request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"));
    if (refusal != null) {
      refuse(request, 403, "BAD_REQUEST", refusal);
      return;
    }
    String path = request.path();
    boolean post = request.method().name().equals("POST");
    boolean get = request.method().name().equals("GET");
    if (path.equals(AgentApiContract.COMMAND_PATH) && post) {
      withJsonBody(request, body -> command(request, body));
    } else if (path.equals(AgentApiContract.WORDS_PATH) && post) {
      withJsonBody(request, body -> words(request, body));
    } else if (path.equals(BridgeContract.CREDENTIALS_PATH) && credentials != null && post) {
      withJsonBody(request, body -> blocking(request, () -> credentials.sign(new JsonObject(body))));
    } else if (path.equals(BridgeContract.CREDENTIALS_PATH) && credentials != null && get) {
      blocking(request, credentials::list);
    } else if (path.equals(BridgeContract.REVOKE_PATH) && credentials != null && post) {
      withJsonBody(request, body -> blocking(request, () -> credentials.revoke(new JsonObject(body))));
    } else if (path.equals(BridgeContract.EVENTS_PATH) && events != null && get) {
      new EventStream(vertx, self, request.response()).follow(events);
    } else if (path.equals(AgentApiContract.PEERS_PATH) && get) {
      client.peers().onComplete(done -> respond(request, done.succeeded() ? 200 : 503,
          done.succeeded() ? new JsonObject().put("peers", done.result())
              : error("INTERNAL", String.valueOf(done.cause()))));
    } else if (path.equals(AgentApiContract.METRICS_PATH) && metrics != null && get) {
      vertx.executeBlocking(metrics::get, false).onComplete(done -> {
        if (done.succeeded()) {
          request.response().putHeader("content-type", MetricsEndpoint.CONTENT_TYPE).end(done.result());
        } else {
          refuse(request, 500, "INTERNAL", "the scrape failed: " + done.cause());
        }
      });
    } else {
      refuse(request, 404, "BAD_REQUEST", "no such endpoint: " + request.method() + " "
          + (path.length() <= 80 ? path : path.substring(0, 80) + "..."));
    }
  }

  /** Reads a bounded JSON body, then hands it on; refuses what is not declared JSON or is too long. */
  private void withJsonBody(HttpServerRequest request, Consumer<String> then) {
    if (!BrowserRequests.isJson(request.getHeader("Content-Type"))) {
      refuse(request, 415, "BAD_REQUEST", "a request's body is JSON: Content-Type: application/json");
      return;
    }
    BoundedBody.read(request, AgentApiContract.MAX_BODY_BYTES).onComplete(done -> {
      if (done.succeeded()) {
        then.accept(done.result().toString());
      } else if (done.cause() instanceof BoundedBody.TooLarge tooLarge) {
        // the rest is not read: the connection goes with the answer
        request.response().putHeader("Connection", "close");
        refuse(request, 413, "BAD_REQUEST", tooLarge.getMessage());
        request.response().closeHandler(null);
        request.connection().close();
      } else {
        refuse(request, 400, "BAD_REQUEST", String.valueOf(done.cause().getMessage()));
      }
    });
  }

  private void command(HttpServerRequest request, String body) {
    CommandRequest parsed;
    try {
      parsed = CommandRequest.parse(body);
    } catch (WeftException e) {
      refuse(request, 400, e.code().name(), e.getMessage());
      return;
    }
    replies(parsed).onComplete(done -> {
      if (done.failed()) {
        refuse(request, 503, "INTERNAL", String.valueOf(done.cause()));
        return;
      }
      JsonArray array = new JsonArray();
      done.result().forEach(reply -> array.add(reply.toJson()));
      respond(request, 200, new JsonObject().put("replies", array));
    });
  }

  /**
   * The command line's words, answered with what the command line would print for them; declined
   * when they are the full command line's to judge (help, a word only it reads, words the verb
   * refuses, a verb that is not a host's), which says the same with its usage hints.
   */
  private void words(HttpServerRequest request, String body) {
    Optional<QuickLine> line;
    try {
      line = QuickLine.read(CommandLineWords.parse(body));
    } catch (WeftException e) {
      refuse(request, 400, e.code().name(), e.getMessage());
      return;
    }
    if (line.isEmpty()) {
      refuse(request, AgentApiContract.DECLINED, "BAD_REQUEST",
          "these words are the full command line's to judge");
      return;
    }
    replies(line.get().request()).onComplete(done -> {
      if (done.failed()) {
        refuse(request, 503, "INTERNAL", String.valueOf(done.cause()));
        return;
      }
      CommandLineWords.Printed printed = CommandLineWords.Printed.of(line.get(), done.result());
      if (request.response().ended() || request.response().closed()) {
        return;
      }
      request.response().putHeader("content-type", "text/plain; charset=utf-8")
          .putHeader(AgentApiContract.EXIT_STATUS_HEADER, String.valueOf(printed.status()))
          .putHeader(AgentApiContract.STDOUT_BYTES_HEADER, String.valueOf(printed.stdout().length))
          .end(printed.body());
    });
  }

  private Future<List<HostReply>> replies(CommandRequest request) {
    return request.target().all()
        ? client.sendToAll(request.command())
        : client.send(request.target().hosts(self), request.command());
  }

  /** Runs {@code work} off the event loop (it reads the fleet's maps); a coded failure is a 400. */
  private void blocking(HttpServerRequest request, Supplier<JsonObject> work) {
    vertx.executeBlocking(work::get, false).onComplete(done -> {
      if (done.succeeded()) {
        respond(request, 200, done.result());
      } else if (done.cause() instanceof WeftException e) {
        refuse(request, 400, e.code().name(), e.getMessage());
      } else if (done.cause() instanceof io.vertx.core.json.DecodeException) {
        refuse(request, 400, "BAD_REQUEST", "the request is not a JSON object");
      } else {
        refuse(request, 500, "INTERNAL", String.valueOf(done.cause()));
      }
    });
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
  }

  private static void refuse(HttpServerRequest request, int status, String code, String message) {
    respond(request, status, error(code, message));
  }

  private static void respond(HttpServerRequest request, int status, JsonObject body) {
    if (request.response().ended() || request.response().closed()) {
      return;
    }
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body.encode() + "\n");
  }
}
