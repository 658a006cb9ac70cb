package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.api.WeftCallOnSocket.Run;
import io.weft.agent.bridge.EventFeed;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image's {@code weft-call}, as the command line runs it through {@code docker exec}, against
 * the API on its socket: a reply of status 2xx on stdout, any other on stderr with exit status 4,
 * no agent exit status 3; a session on one connection; the events; the metrics.
 */
class WeftCallTest {

  @RegisterExtension
  final WeftCallOnSocket api = new WeftCallOnSocket();

  @BeforeEach
  void start() throws Exception {
    Vertx vertx = api.vertx;
    vertx.eventBus().consumer(BusAddresses.FLEET, m -> m.reply(new JsonObject().put("peers", new JsonArray())));
    vertx.eventBus().consumer(BusAddresses.host("host1"), m -> m.reply(HostReply.ok("host1",
        new JsonObject().put("containers", new JsonArray())).toJson()));
    EventFeed feed = new EventFeed(vertx, "host1");
    feed.register().await(5, TimeUnit.SECONDS);
    api.listen(new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus()), feed, null, () -> "weft_up 1\n"));
  }

  @Test
  void aReplyOfStatus200IsPrintedOnStdout() throws Exception {
    Run ps = api.run("{\"target\":\"self\",\"command\":{\"verb\":\"ps\"}}");
    assertEquals(0, ps.status(), ps.stderr());
    assertTrue(new JsonObject(ps.stdout()).getJsonArray("replies").getJsonObject(0).getBoolean("ok"), ps.stdout());
    assertEquals("", ps.stderr());
    Run peers = api.run("", "/v1/peers");
    assertEquals(0, peers.status());
    assertEquals(new JsonObject().put("peers", new JsonArray()), new JsonObject(peers.stdout()));
  }

  @Test
  void anErrorReplyGoesToStderrWithStatus4AndNeverReadsAsSuccess() throws Exception {
    Run bad = api.run("{\"command\":{\"verb\":\"ps\",\"pad\":1}}");
    assertEquals(4, bad.status());
    assertEquals("", bad.stdout(), "an error body is never printed as the answer");
    assertEquals("BAD_REQUEST", new JsonObject(bad.stderr()).getJsonObject("error").getString("code"));
    Run nowhere = api.run("", "/v1/nowhere");
    assertEquals(4, nowhere.status());
    assertEquals("", nowhere.stdout());
  }

  @Test
  void noAgentIsExitStatus3() throws Exception {
    Files.delete(api.socket);
    Run none = api.run("{\"command\":{\"verb\":\"ps\"}}");
    assertEquals(3, none.status());
    assertEquals("", none.stdout());
    assertTrue(none.stderr().contains("does not answer"), none.stderr());
  }

  @Test
  void aSessionAnswersEveryLineOnOneConnection() throws Exception {
    Process session = api.start("--lines");
    try (BufferedWriter in = session.outputWriter(StandardCharsets.UTF_8);
        BufferedReader out = session.inputReader(StandardCharsets.UTF_8)) {
      for (int i = 0; i < 3; i++) {
        in.write("{\"command\":{\"verb\":\"ps\"}}\n");
        in.flush();
        assertTrue(new JsonObject(out.readLine()).containsKey("replies"));
        in.write("GET /v1/peers\n");
        in.flush();
        assertTrue(new JsonObject(out.readLine()).containsKey("peers"));
        in.write("{\"command\":{\"verb\":\"fly\"}}\n");
        in.flush();
        assertEquals("BAD_REQUEST", new JsonObject(out.readLine()).getJsonObject("error").getString("code"));
      }
    }
    assertTrue(session.waitFor(5, TimeUnit.SECONDS));
    assertEquals(0, session.exitValue());
  }

  @Test
  void theEventsComeOneALineAfterTheSubscription() throws Exception {
    Process call = api.start("--events");
    try (BufferedReader out = call.inputReader(StandardCharsets.UTF_8)) {
      assertEquals("host1", new JsonObject(out.readLine()).getString("host"));
      FleetEvents.on(api.vertx.eventBus(), "host1").publish(FleetEvent.peerLeft("host2"));
      JsonObject event = new JsonObject(out.readLine());
      assertEquals("peer-left", event.getString("event"));
      assertEquals("host2", event.getString("host"));
    } finally {
      call.destroy();
    }
    assertTrue(call.waitFor(5, TimeUnit.SECONDS));
  }

  @Test
  void theMetricsComeThroughTheSocket() throws Exception {
    Run metrics = api.run("--metrics");
    assertEquals(0, metrics.status(), metrics.stderr());
    assertEquals("weft_up 1\n", metrics.stdout());
  }
}
