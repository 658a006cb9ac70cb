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
}
