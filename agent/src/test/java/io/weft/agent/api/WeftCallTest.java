package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's {@code weft-call}, as the command line runs it through {@code docker exec}, against
 * the API on its socket: a reply of status 2xx on stdout, any other on stderr with exit status 4,
 * no agent exit status 3; a session on one connection; the events; the metrics.
 */
class WeftCallTest {

  @TempDir
  Path dir;
  private Path socket;
  private Path script;
  private Vertx vertx;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().consumer(BusAddresses.FLEET, m -> m.reply(new JsonObject().put("peers", new JsonArray())));
    vertx.eventBus().consumer(BusAddresses.host("host1"), m -> m.reply(HostReply.ok("host1",
        new JsonObject().put("containers", new JsonArray())).toJson()));
    EventFeed feed = new EventFeed(vertx, "host1");
    feed.register().await(5, TimeUnit.SECONDS);
    socket = dir.resolve("run/api.sock");
    new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus()), feed, null, () -> "weft_up 1\n")
        .listen(socket).await(5, TimeUnit.SECONDS);
    script = dir.resolve("weft-call");
    Files.writeString(script, ApiSocket.weftCall());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aReplyOfStatus200IsPrintedOnStdout() throws Exception {
    Result ps = run("{\"target\":\"self\",\"command\":{\"verb\":\"ps\"}}");
    assertEquals(0, ps.exit, ps.err);
    assertTrue(new JsonObject(ps.out).getJsonArray("replies").getJsonObject(0).getBoolean("ok"), ps.out);
    assertEquals("", ps.err);
    Result peers = run("", "/v1/peers");
    assertEquals(0, peers.exit);
    assertEquals(new JsonObject().put("peers", new JsonArray()), new JsonObject(peers.out));
  }

  @Test
  void anErrorReplyGoesToStderrWithStatus4AndNeverReadsAsSuccess() throws Exception {
    Result bad = run("{\"command\":{\"verb\":\"ps\",\"pad\":1}}");
    assertEquals(4, bad.exit);
    assertEquals("", bad.out, "an error body is never printed as the answer");
    assertEquals("BAD_REQUEST", new JsonObject(bad.err).getJsonObject("error").getString("code"));
    Result nowhere = run("", "/v1/nowhere");
    assertEquals(4, nowhere.exit);
    assertEquals("", nowhere.out);
  }

  @Test
  void noAgentIsExitStatus3() throws Exception {
    Files.delete(socket);
    Result none = run("{\"command\":{\"verb\":\"ps\"}}");
    assertEquals(3, none.exit);
    assertEquals("", none.out);
    assertTrue(none.err.contains("does not answer"), none.err);
  }

  @Test
  void aSessionAnswersEveryLineOnOneConnection() throws Exception {
    Process session = process("--lines");
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
    Process call = process("--events");
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

  @Test
  void theMetricsComeThroughTheSocket() throws Exception {
    Result metrics = run("--metrics");
    assertEquals(0, metrics.exit, metrics.err);
    assertEquals("weft_up 1\n", metrics.out);
  }

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) throws Exception {
    Process call = process(args);
    call.getOutputStream().close();
    String out = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(call.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(call.waitFor(20, TimeUnit.SECONDS));
    return new Result(call.exitValue(), out, err);
  }

  private Process process(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("WEFT_API_SOCKET", socket.toString());
    return builder.start();
  }
}
