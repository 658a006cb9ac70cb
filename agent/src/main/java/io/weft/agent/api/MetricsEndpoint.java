package io.weft.agent.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.weft.common.agent.AgentApiContract;

/**
 * {@code GET /metrics} in Prometheus's text format, on the host's loopback alone: every port the
 * agent opens to the network is authenticated, and a scraper would need the fleet's password to
 * pass the TLS the others ask for. A scraper on the host (in its network namespace) reads it
 * directly; one elsewhere goes through the Docker API ({@code docker exec weft weft-call
 * --metrics}). A scrape reads every gauge, some of which look at the fleet's maps: it runs on a
 * worker, never on the event loop that serves the agent's other requests.
 */
public final class MetricsEndpoint {

  private MetricsEndpoint() {}

  public static Future<HttpServer> listen(Vertx vertx, PrometheusMeterRegistry registry) {
    return listen(vertx, registry, AgentApiContract.HOST, AgentApiContract.METRICS_PORT);
  }

  static Future<HttpServer> listen(Vertx vertx, PrometheusMeterRegistry registry, String address, int port) {
    return vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals(AgentApiContract.METRICS_PATH)) {
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
