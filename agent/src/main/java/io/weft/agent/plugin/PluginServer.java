package io.weft.agent.plugin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.WeftException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Serves Docker's plugin protocol on a unix socket, which weft's managed plugin hands Docker's
 * calls to: {@code /Plugin.Activate}, then the network driver's and the IPAM driver's calls,
 * JSON both ways.
 *
 * <p>Docker waits on a plugin call for as long as it takes, so a hung call would hang {@code
 * dockerd}: every call is answered within {@link #BOUND}, with weft's error when its work did not
 * finish, and that work is taken back when it finishes later. The socket exists only while the
 * agent serves it, so the plugin knows at once when no agent does.
 */
public final class PluginServer {

  static final String CONTENT_TYPE = "application/vnd.docker.plugins.v1.2+json";
  /**
   * Under Docker's patience (its plugin client gives up after 30 s), well over a claim through
   * another host (3 s), and over the work of a burst of `docker run`s on a loaded host.
   */
  static final Duration BOUND = Duration.ofSeconds(20);
  /** A call that takes longer than this is said in the log, with how long it waited for a worker. */
  private static final Duration SLOW = Duration.ofSeconds(2);
  private static final Logger LOG = Logger.getLogger(PluginServer.class.getName());

  private final Vertx vertx;
  private final Path socket;
  private final Map<String, PluginCall> calls;
  private final AgentMetrics metrics;
  private final Duration bound;
  private final WorkerExecutor workers;
  private HttpServer server;

  PluginServer(Vertx vertx, Path socket, Map<String, PluginCall> calls, AgentMetrics metrics) {
    this(vertx, socket, calls, metrics, BOUND);
  }

  /** As the agent's, with a bound of its own: for tests. */
  PluginServer(Vertx vertx, Path socket, Map<String, PluginCall> calls, AgentMetrics metrics, Duration bound) {
    this.vertx = vertx;
    this.socket = socket;
    this.calls = Map.copyOf(calls);
    this.metrics = metrics;
    this.bound = bound;
    this.workers = vertx.createSharedWorkerExecutor("weft-plugin", 4, bound.toMillis() * 3, TimeUnit.MILLISECONDS);
  }

  /** Listens on the socket, replacing one left by an agent that did not stop cleanly. */
  public Future<Void> listen() {
    try {
      Files.createDirectories(socket.getParent());
      Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwx------"));
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException("cannot prepare " + socket, e));
    }
    return vertx.createHttpServer().requestHandler(this::handle)
        .listen(SocketAddress.domainSocketAddress(socket.toString()))
        .onSuccess(s -> server = s)
        .compose(s -> ownerOnly());
  }

  /** Only root (Docker) may connect: connecting to a unix socket needs write permission on it. */
  private Future<Void> ownerOnly() {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      return Future.succeededFuture();
    } catch (IOException e) {
      close();
      return Future.failedFuture(new UncheckedIOException("cannot restrict " + socket, e));
    }
  }

  /**
   * Stops serving and takes the socket away, and its folder when nothing else is in it, so the
   * plugin finds no one rather than a dead socket.
   */
  public void close() {
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(socket.getParent());
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // something else lives there: not ours to take
    } catch (IOException e) {
      LOG.warning("could not remove " + socket + ": " + e.getMessage());
    }
    if (server != null) {
      server.close();
    }
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/Plugin.Activate")) {
      respond(request, 200, new JsonObject().put("Implements", new JsonArray().add("NetworkDriver").add("IpamDriver")));
      return;
    }
    PluginCall call = calls.get(path);
    if (call == null || !request.method().name().equals("POST")) {
      respond(request, 404, refusal("weft serves no " + request.method() + " " + path));
      return;
    }
    request.body().onComplete(body -> {
      if (body.failed()) {
        respond(request, 400, refusal("could not read the request: " + body.cause().getMessage()));
        return;
      }
      JsonObject json;
      try {
        String text = body.result().toString().strip();
        json = text.isEmpty() ? new JsonObject() : new JsonObject(text);
      } catch (DecodeException | ClassCastException e) {
        respond(request, 400, refusal(path + " sent JSON weft cannot read: " + e.getMessage()));
        return;
      }
      answerWithin(request, path, call, json);
    });
  }

  private void answerWithin(HttpServerRequest request, String path, PluginCall call, JsonObject json) {
    long start = System.nanoTime();
    AtomicBoolean answered = new AtomicBoolean();
    // when a worker took the call up: a late answer tells whether it waited for a worker or worked
    AtomicLong begun = new AtomicLong();
    long timer = vertx.setTimer(bound.toMillis(), id -> {
      if (answered.compareAndSet(false, true)) {
        String within = bound.toMillis() + " ms";
        long waited = begun.get() == 0 ? -1 : (begun.get() - start) / 1_000_000;
        LOG.warning(path + " did not finish within " + within + " ("
            + (waited < 0 ? "no worker took it up" : "taken up after " + waited + " ms") + "): Docker is told so");
        metrics.pluginCall(path, true, System.nanoTime() - start);
        respond(request, 200, refusal(path + " did not finish within " + within
            + " (is the fleet reachable? see weft status); nothing was kept"));
      }
    });
    workers.<PluginAnswer>executeBlocking(() -> {
      begun.set(System.nanoTime());
      return call.answer(json);
    }, false).onComplete(done -> {
      vertx.cancelTimer(timer);
      if (!answered.compareAndSet(false, true)) {
        if (done.succeeded()) {
          workers.executeBlocking(() -> {
            done.result().undo().run();
            return null;
          }, false);
        }
        return;
      }
      long took = System.nanoTime() - start;
      metrics.pluginCall(path, done.failed(), took);
      if (took > SLOW.toNanos()) {
        LOG.info(path + " took " + took / 1_000_000 + " ms, " + (begun.get() - start) / 1_000_000
            + " of them waiting for a worker");
      }
      if (done.succeeded()) {
        respond(request, 200, done.result().body());
      } else {
        Throwable cause = done.cause();
        String message = cause instanceof WeftException ? cause.getMessage() : "internal error: " + cause;
        LOG.info(path + " refused: " + message);
        respond(request, 200, refusal(message));
      }
    });
  }

  /**
   * Docker shows the error of an answer as the error of the command that made the call: the
   * network driver's answers carry it as {@code Err}, the IPAM driver's as {@code Error}, and
   * each side ignores the other's field, so a refusal carries both.
   */
  static JsonObject refusal(String message) {
    String line = "weft: " + message;
    return new JsonObject().put("Err", line).put("Error", line);
  }

  private static void respond(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", CONTENT_TYPE).end(body.encode());
  }
}
