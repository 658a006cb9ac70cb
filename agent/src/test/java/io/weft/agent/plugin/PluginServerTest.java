package io.weft.agent.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin protocol's server on a real unix socket: Docker gets weft's one-line error for
 * what it cannot do, within the bound, and work that finished too late is taken back.
 */
class PluginServerTest {

  private final Vertx vertx = Vertx.vertx();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch undone = new CountDownLatch(1);

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    release.countDown();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private PluginServer serving(Path socket) throws Exception {
    Map<String, PluginCall> calls = Map.of(
        "/IpamDriver.RequestAddress", request -> PluginAnswer.of(new JsonObject().put("Address", "10.32.0.1/12")),
        "/IpamDriver.RequestPool", request -> {
          throw new WeftException(ErrorCode.BAD_CIDR, "the subnet 10.99.0.0/24 is not within weft's range");
        },
        "/NetworkDriver.CreateEndpoint", request -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new PluginAnswer(new JsonObject(), undone::countDown);
        });
    PluginServer server = new PluginServer(vertx, socket, calls, AgentMetrics.none(), Duration.ofMillis(300));
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return server;
  }

  @Test
  void answersActivateAndCallsAndRefusesWithWeftsLine() throws Exception {
    Path socket = dir.resolve("plugins/weft.sock");
    serving(socket);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)),
        "only root (Docker) may connect");
    assertTrue(post(socket, "/Plugin.Activate", "").body().contains("\"NetworkDriver\""));
    assertEquals("10.32.0.1/12", new JsonObject(post(socket, "/IpamDriver.RequestAddress", "{}").body()).getString("Address"));
    Answer refused = post(socket, "/IpamDriver.RequestPool", "{\"Pool\":\"10.99.0.0/24\"}");
    assertEquals(200, refused.status());
    assertEquals("weft: the subnet 10.99.0.0/24 is not within weft's range", new JsonObject(refused.body()).getString("Err"));
  }

  @Test
  void malformedAndUnknownRequestsGetClearErrors() throws Exception {
    Path socket = dir.resolve("weft-agent/agent.sock");
    serving(socket);
    Answer malformed = post(socket, "/IpamDriver.RequestAddress", "{\"PoolID\": [");
    assertEquals(400, malformed.status());
    assertTrue(new JsonObject(malformed.body()).getString("Err").startsWith("weft: /IpamDriver.RequestAddress sent JSON"));
    Answer array = post(socket, "/IpamDriver.RequestAddress", "[1, 2]");
    assertEquals(400, array.status());
    Answer unknown = post(socket, "/VolumeDriver.Mount", "{}");
    assertEquals(404, unknown.status());
    assertTrue(new JsonObject(unknown.body()).getString("Err").contains("serves no POST /VolumeDriver.Mount"));
  }

  @Test
  void aCallThatOutlivesTheBoundIsRefusedAndItsLateWorkTakenBack() throws Exception {
    Path socket = dir.resolve("weft-agent/agent.sock");
    serving(socket);
    long start = System.nanoTime();
    Answer late = post(socket, "/NetworkDriver.CreateEndpoint", "{}");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(new JsonObject(late.body()).getString("Err").contains("did not finish within 300 ms"), late.body());
    assertTrue(tookMillis < 5_000, "answered after " + tookMillis + " ms");
    assertEquals(1, undone.getCount(), "nothing to take back before the work finished");
    release.countDown();
    assertTrue(undone.await(5, TimeUnit.SECONDS), "the late work was not taken back");
  }

  @Test
  void aSocketLeftBehindIsReplacedAndClosingRemovesIt() throws Exception {
    Path socket = dir.resolve("weft-agent/agent.sock");
    Files.createDirectories(socket.getParent());
    Files.writeString(socket, "left by an agent that was killed");
    PluginServer server = serving(socket);
    assertEquals(200, post(socket, "/Plugin.Activate", "").status());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    server.close();
    assertFalse(Files.exists(socket), "the socket outlived the server");
    assertFalse(Files.exists(socket.getParent()), "its folder outlived the server");
  }

  private record Answer(int status, String body) {}

  private static Answer post(Path socket, String path, String body) throws Exception {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: plugin\r\nContent-Length: " + content.length
        + "\r\nConnection: close\r\n\r\n";
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
      channel.write(ByteBuffer.wrap(content));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (channel.read(buffer) > 0) {
        answer.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(text.indexOf("\r\n\r\n") + 4));
    }
  }
}
