package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  @Test
  void aScrapeReadsTheGaugesOffTheEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
      Gauge.builder("weft.test", () -> {
        onEventLoop.add(Context.isOnEventLoopThread());
        return 1;
      }).register(registry);
      HttpServer server = MetricsEndpoint.listen(vertx, registry, "127.0.0.1", 0)
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      assertTrue(scrape.body().contains("weft_test"), scrape.body());
      assertEquals(List.of(false), onEventLoop);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessHoldingThePortFirstDoesNotStopTheMetricsWhichComeOnceItIsFree() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Gauge.builder("weft.test", () -> 1).register(registry);
      int port;
      try (java.net.ServerSocket squatter = new java.net.ServerSocket(0, 50,
          java.net.InetAddress.getByName("127.0.0.1"))) {
        port = squatter.getLocalPort();
        MetricsEndpoint.serve(vertx, registry, "127.0.0.1", port, 100); // does not throw, does not stop
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try {
          HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
          assertTrue(scrape.body().contains("weft_test"), scrape.body());
          return;
        } catch (java.io.IOException notYet) {
          assertTrue(System.nanoTime() < deadline, "the metrics never came once the port was free");
          TimeUnit.MILLISECONDS.sleep(50); // polled, within the bound
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
