package io.weft.agent.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.weft.common.agent.AgentApiContract;
import java.util.logging.Logger;

/**
 * {@code GET /metrics} in Prometheus's text format on the host's loopback, for a scraper on the
 * host (in its network namespace); one elsewhere, or one that must be sure whom it reads, goes
 * through the Docker API ({@code docker exec weft weft-call --metrics}, the API's socket). What
 * they tell is counts and timings (docs/security.md lists them), so any local user may read them.
 *
 * <p>Loopback ports are anyone's to take: a process that holds the port first does not stop the
 * agent, which says so once and tries again every {@link #RETRY_MILLIS} ms. A scrape reads every
 * gauge, some of which look at the fleet's maps: it runs on a worker, never on the event loop
 * that serves the agent's other requests.
 */
public final class MetricsEndpoint {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final long RETRY_MILLIS = 10_000;
  private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class.getName());

  private MetricsEndpoint() {}

  /** Serves the metrics on the contract's loopback port, now or once the port is free. */
  public static void serve(Vertx vertx, PrometheusMeterRegistry registry) {
    serve(vertx, registry, AgentApiContract.METRICS_HOST, AgentApiContract.METRICS_PORT, RETRY_MILLIS);
  }

  static void serve(Vertx vertx, PrometheusMeterRegistry registry, String address, int port, long retryMillis) {
    listen(vertx, registry, address, port).onFailure(e -> {
      LOG.warning(address + ":" + port + " is held by another process (" + e.getMessage()
          + "): the metrics are served through weft-call --metrics alone until it is free");
      retry(vertx, registry, address, port, retryMillis);
    });
  }

  private static void retry(Vertx vertx, PrometheusMeterRegistry registry, String address, int port,
      long retryMillis) {
    vertx.setTimer(retryMillis, t -> listen(vertx, registry, address, port)
        .onSuccess(s -> LOG.info("the metrics are served on " + address + ":" + port + " again"))
        .onFailure(e -> retry(vertx, registry, address, port, retryMillis)));
  }

  static Future<HttpServer> listen(Vertx vertx, PrometheusMeterRegistry registry, String address, int port) {
    return vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals(AgentApiContract.METRICS_PATH)) {
        vertx.executeBlocking(registry::scrape, false).onComplete(done -> {
          if (done.succeeded()) {
            request.response().putHeader("content-type", CONTENT_TYPE).end(done.result());
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
