package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API on its Unix socket: root's alone, serving weft-call's requests, every body bounded,
 * and still refusing what a web page makes a browser send.
 */
class AgentApiTest {

  private static final String COMMAND = "{\"command\":{\"verb\":\"ps\"}}";
  @TempDir
  Path dir;
  private Path socket;
  private Vertx vertx;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().consumer(BusAddresses.FLEET, m -> m.reply(new JsonObject().put("peers", new JsonArray())));
    vertx.eventBus().consumer(BusAddresses.host("host1"), m -> m.reply(HostReply.ok("host1",
        new JsonObject().put("containers", new JsonArray())).toJson()));
    socket = dir.resolve("run/weft/api.sock");
    new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus()), null, null, () -> "weft_test 1\n")
        .listen(socket).await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void theSocketAndItsFolderAreRootsAlone() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
  }

  @Test
  void weftCallsRequestsAreServed() throws Exception {
    assertEquals(200, ApiSocket.exchange(socket, "GET /v1/peers HTTP/1.0\r\nHost: localhost\r\n\r\n").status());
    ApiSocket.Answer ps = ApiSocket.exchange(socket, ApiSocket.post(AgentApiContract.COMMAND_PATH, COMMAND));
    assertEquals(200, ps.status(), ps.text());
    assertTrue(ps.body().contains("\"ok\":true"), ps.text());
    ApiSocket.Answer metrics = ApiSocket.exchange(socket, "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n");
    assertEquals(200, metrics.status());
    assertEquals("weft_test 1\n", metrics.body());
  }

  @Test
  void aCommandWithAFieldItDoesNotTakeIsRefused() throws Exception {
    ApiSocket.Answer padded = ApiSocket.exchange(socket, ApiSocket.post(AgentApiContract.COMMAND_PATH,
        "{\"command\":{\"verb\":\"ps\",\"pad\":\"" + "x".repeat(1000) + "\"}}"));
    assertEquals(400, padded.status());
    assertTrue(padded.body().contains("no field \\\"pad\\\""), padded.body());
  }

  @Test
  void aBodyAnnouncedTooLongIsRefusedBeforeItIsRead() throws Exception {
    ApiSocket.Answer refused = ApiSocket.exchange(socket, "POST /v1/command HTTP/1.0\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{\"command\":");
    assertEquals(413, refused.status());
    assertTrue(refused.body().contains("at most " + AgentApiContract.MAX_BODY_BYTES), refused.body());
    assertEquals(200, ApiSocket.exchange(socket, "GET /v1/peers HTTP/1.0\r\nHost: localhost\r\n\r\n").status());
  }

  @Test
  void aChunkedBodyIsCutAtTheBoundAndItsConnectionClosed() throws Exception {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(("POST /v1/command HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
      byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.UTF_8);
      long sent = 0;
      try {
        // far more than the bound: the agent answers once it has the bound's worth, and closes
        while (sent < 64L * 1024 * 1024) {
          channel.write(ByteBuffer.wrap(chunk));
          sent += chunk.length;
        }
      } catch (IOException closed) {
        // the agent closed the connection while this still wrote: what is wanted
      }
      assertTrue(sent < 64L * 1024 * 1024, "the agent read " + sent + " bytes of one body");
      String answer = readWhatIsLeft(channel);
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 413"), answer);
    }
    assertEquals(200, ApiSocket.exchange(socket, "GET /v1/peers HTTP/1.0\r\nHost: localhost\r\n\r\n").status());
  }

  @Test
  void aBrowsersRequestsAreRefused() throws Exception {
    assertEquals(403, ApiSocket.exchange(socket, post("Host: localhost\r\nOrigin: http://evil.example\r\n"
        + "Content-Type: application/json\r\n")).status());
    assertEquals(403, ApiSocket.exchange(socket,
        "GET /v1/peers HTTP/1.0\r\nHost: localhost\r\nOrigin: null\r\n\r\n").status());
    assertEquals(403, ApiSocket.exchange(socket,
        "GET /v1/peers HTTP/1.0\r\nHost: localhost\r\nSec-Fetch-Site: cross-site\r\n\r\n").status());
    assertEquals(403, ApiSocket.exchange(socket,
        "GET /v1/peers HTTP/1.0\r\nHost: evil.example:6784\r\n\r\n").status());
    assertEquals(415, ApiSocket.exchange(socket, post("Host: localhost\r\nContent-Type: text/plain\r\n")).status());
    assertEquals(415, ApiSocket.exchange(socket, post("Host: localhost\r\n")).status());
  }

  @Test
  void aSocketLeftByAnAgentThatDidNotStopCleanlyIsReplaced() throws Exception {
    Path other = dir.resolve("again/api.sock");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "left over");
    new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus())).listen(other).await(5, TimeUnit.SECONDS);
    assertEquals(200, ApiSocket.exchange(other, "GET /v1/peers HTTP/1.0\r\nHost: localhost\r\n\r\n").status());
  }

  /**
   * The answer, if the agent's close left one to read: a Unix socket closed with unread bytes in
   * it resets the peer's reads, which is the close this test wants too.
   */
  private static String readWhatIsLeft(SocketChannel channel) {
    InputStream in = Channels.newInputStream(channel);
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        read.write(buffer, 0, n);
      }
    } catch (IOException reset) {
      // closed by the agent with our chunks unread: what is wanted
    }
    return read.toString(StandardCharsets.UTF_8);
  }

  private static String post(String headers) {
    return "POST /v1/command HTTP/1.0\r\n" + headers + "Content-Length: " + COMMAND.length()
        + "\r\n\r\n" + COMMAND;
  }
}
