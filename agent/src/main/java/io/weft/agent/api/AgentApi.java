package io.weft.agent.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.bridge.EventFeed;
import io.weft.agent.tls.ClientCredentials;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import java.util.List;

/**
 * The agent's HTTP API ({@link AgentApiContract}), the bridge for programs that are not on the
 * event bus (the command line reaches it with {@code docker exec weft weft-call ...}). It
 * listens on the host's loopback only: whoever can reach it can change the network.
 *
 * <p>A web browser on the host can reach loopback too, on behalf of any page it shows. So the
 * API refuses what only a browser sends: a request with an {@code Origin} (or a fetch's {@code
 * Sec-Fetch-Site} other than {@code none}), a {@code Host} that is not the loopback's (a page
 * whose name was rebound to 127.0.0.1), and a command whose body is not declared JSON (a form
 * posts without asking; JSON needs a preflight the API never answers).
 */
public final class AgentApi {

  private final Vertx vertx;
  private final String self;
  private final WeftClient client;
  private final EventFeed events;
  private final ClientCredentials credentials;

  public AgentApi(Vertx vertx, String self, WeftClient client) {
    this(vertx, self, client, null, null);
  }

  /**
   * @param events the fleet's events, streamed at {@code GET /v1/events} (null: none)
   * @param credentials signs bridge credentials at {@code POST /v1/credentials} (null: none)
   */
  public AgentApi(Vertx vertx, String self, WeftClient client, EventFeed events,
      ClientCredentials credentials) {
    this.vertx = vertx;
    this.self = self;
    this.client = client;
    this.events = events;
    this.credentials = credentials;
  }

  public Future<HttpServer> listen() {
    return listen(AgentApiContract.PORT);
  }

  Future<HttpServer> listen(int port) {
    return vertx.createHttpServer().requestHandler(this::handle)
        .listen(port, AgentApiContract.HOST);
  }

  private void handle(HttpServerRequest request) {
    String refusal = BrowserRequests.refusal(request.getHeader("Origin"),
        request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"));
    if (refusal != null) {
      respond(request, 403, error("BAD_REQUEST", refusal));
      return;
    }
    String path = request.path();
    if (path.equals(AgentApiContract.COMMAND_PATH) && request.method().name().equals("POST")) {
      if (!BrowserRequests.isJson(request.getHeader("Content-Type"))) {
        respond(request, 415, error("BAD_REQUEST", "a command is JSON: Content-Type: application/json"));
        return;
      }
      request.body().onSuccess(body -> command(request, body.toString()))
          .onFailure(e -> respond(request, 400, error("BAD_REQUEST", e.getMessage())));
    } else if (path.equals(BridgeContract.CREDENTIALS_PATH) && credentials != null
        && request.method().name().equals("POST")) {
      if (!BrowserRequests.isJson(request.getHeader("Content-Type"))) {
        respond(request, 415, error("BAD_REQUEST", "a request is JSON: Content-Type: application/json"));
        return;
      }
      request.body().onSuccess(body -> sign(request, body.toString()))
          .onFailure(e -> respond(request, 400, error("BAD_REQUEST", e.getMessage())));
    } else if (path.equals(BridgeContract.EVENTS_PATH) && events != null) {
      new EventStream(vertx, self, request.response()).follow(events);
    } else if (path.equals(AgentApiContract.PEERS_PATH)) {
      client.peers().onComplete(done -> respond(request, done.succeeded() ? 200 : 503,
          done.succeeded() ? new JsonObject().put("peers", done.result())
              : error("INTERNAL", String.valueOf(done.cause()))));
    } else {
      respond(request, 404, error("BAD_REQUEST", "no such endpoint: " + request.method() + " " + path));
    }
  }

  private void command(HttpServerRequest request, String body) {
    CommandRequest parsed;
    try {
      parsed = CommandRequest.parse(body);
    } catch (WeftException e) {
      respond(request, 400, error(e.code().name(), e.getMessage()));
      return;
    }
    Future<List<HostReply>> replies = parsed.target().all()
        ? client.sendToAll(parsed.command())
        : client.send(parsed.target().hosts(self), parsed.command());
    replies.onComplete(done -> {
      if (done.failed()) {
        respond(request, 503, error("INTERNAL", String.valueOf(done.cause())));
        return;
      }
      JsonArray array = new JsonArray();
      done.result().forEach(reply -> array.add(reply.toJson()));
      respond(request, 200, new JsonObject().put("replies", array));
    });
  }

  private void sign(HttpServerRequest request, String body) {
    JsonObject signed;
    try {
      signed = credentials.sign(new JsonObject(body));
    } catch (WeftException e) {
      respond(request, 400, error(e.code().name(), e.getMessage()));
      return;
    } catch (RuntimeException e) {
      respond(request, 400, error("BAD_REQUEST", "the request is not a JSON object"));
      return;
    }
    respond(request, 200, signed);
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
  }

  private static void respond(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body.encode() + "\n");
  }
}
