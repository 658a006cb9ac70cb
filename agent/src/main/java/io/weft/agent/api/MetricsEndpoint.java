package io.weft.agent.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** {@code GET /metrics} in Prometheus's text format, on the host's underlay address. */
public final class MetricsEndpoint {

  public static final int PORT = 6782;

  private MetricsEndpoint() {}

  public static Future<HttpServer> listen(Vertx vertx, PrometheusMeterRegistry registry, String address) {
    return vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/metrics")) {
        request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
            .end(registry.scrape());
      } else {
        request.response().setStatusCode(404).end("only /metrics here\n");
      }
    }).listen(PORT, address);
  }
}
