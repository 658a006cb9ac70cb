package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.agent.bridge.EventFeed;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.common.client.WeftClient;
import java.io.BufferedReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft-call --events}, the image's script as {@code weft events} runs it, follows the API's stream. */
class EventStreamTest {

  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    EventFeed feed = new EventFeed(vertx, "host1");
    feed.register().await(5, TimeUnit.SECONDS);
    new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus()), feed, null).listen(port)
        .await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void weftCallPrintsTheSubscriptionThenEachEventAsALine(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("weft-call");
    Files.writeString(script, script().replace("@API_HOST@", AgentApiContract.HOST)
        .replace("@API_PORT@", String.valueOf(port)).replace("@COMMAND_PATH@", AgentApiContract.COMMAND_PATH)
        .replace("@PEERS_PATH@", AgentApiContract.PEERS_PATH).replace("@EVENTS_PATH@", BridgeContract.EVENTS_PATH)
        .replace("@METRICS_PORT@", "1").replace("@METRICS_PATH@", "/"));
    Process call = new ProcessBuilder("bash", script.toString(), "--events")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = call.inputReader(StandardCharsets.UTF_8)) {
      assertEquals("host1", new JsonObject(out.readLine()).getString("host"));
      FleetEvents.on(vertx.eventBus(), "host1").publish(FleetEvent.peerLeft("host2"));
      JsonObject event = new JsonObject(out.readLine());
      assertEquals("peer-left", event.getString("event"));
      assertEquals("host2", event.getString("host"));
    } finally {
      call.destroy();
    }
    assertTrue(call.waitFor(5, TimeUnit.SECONDS));
  }

  private static String script() throws Exception {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("docker/src/main/docker/weft-call");
      if (Files.exists(candidate)) {
        return Files.readString(candidate);
      }
    }
    throw new IllegalStateException("docker/src/main/docker/weft-call not found");
  }
}
