package io.weft.agent.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * {@code GET /metrics} in Prometheus's text format, on the host's underlay address. A scrape
 * reads every gauge, some of which look at the fleet's maps: it runs on a worker, never on the
 * event loop that serves the agent's other requests.
 */
public final class MetricsEndpoint {

  public static final int PORT = 6782;

  private MetricsEndpoint() {}

  public static Future<HttpServer> listen(Vertx vertx, PrometheusMeterRegistry registry, String address) {
    return listen(vertx, registry, address, PORT);
  }

  static Future<HttpServer> listen(Vertx vertx, PrometheusMeterRegistry registry, String address, int port) {
    return vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/metrics")) {
        vertx.executeBlocking(registry::scrape, false).onComplete(done -> {
          if (done.succeeded()) {
            request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(done.result());
          } else {
            request.response().setStatusCode(500).end("the scrape failed: " + done.cause() + "\n");
          }
        });
      } else {
        request.response().setStatusCode(404).end("only /metrics here\n");
      }
    }).listen(port, address);
  }
}
