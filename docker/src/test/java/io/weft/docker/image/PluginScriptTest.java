package io.weft.docker.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed plugin's script, run as the plugin runs it (bash and socat of this machine) with
 * its folders moved under a temporary one: Docker's calls reach the agent when it answers, are
 * answered at once when it does not, and wait for it only while the plugin is new.
 */
class PluginScriptTest {

  private static final long BOOT_WAIT_SECONDS = 2;
  private static final String REQUEST_ADDRESS = "/IpamDriver.RequestAddress";

  @TempDir Path dir;
  private Process plugin;
  private FakeAgent agent;

  @BeforeEach
  void folders() throws IOException {
    Assumptions.assumeTrue(HostProcess.onPath("bash") && HostProcess.onPath("socat"),
        "the plugin's script runs bash and socat");
    Files.createDirectories(dir.resolve("host/weft-agent"));
    Files.createDirectories(dir.resolve("run"));
    Files.createDirectories(dir.resolve("state"));
  }

  @AfterEach
  void stop() throws Exception {
    if (plugin != null) {
      plugin.destroy();
      plugin.waitFor();
    }
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void withNoAgentDescribingAndTearingDownAreAnsweredAndTheRestRefusedAtOnce() throws Exception {
    start();
    Thread.sleep(BOOT_WAIT_SECONDS * 1000 + 200); // the engine's start is over
    long start = System.nanoTime();
    Answer refused = post(dockerSocket(), REQUEST_ADDRESS, "{\"PoolID\":\"weft:10.32.0.0/12\"}");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("weft: no weft agent runs on this host (start it: weft launch)",
        new JsonObject(refused.body()).getString("Err"));
    assertTrue(millis < 1000, "refused after " + millis + " ms");
    assertTrue(post(dockerSocket(), "/Plugin.Activate", "").body().contains("\"IpamDriver\""));
    assertEquals("{\"Scope\":\"local\"}", post(dockerSocket(), "/NetworkDriver.GetCapabilities", "").body());
    assertEquals("{}", post(dockerSocket(), "/NetworkDriver.DeleteEndpoint", "{\"EndpointID\":\"ab\"}").body());
    assertEquals(404, post(dockerSocket(), "/VolumeDriver.Create", "{}").status());
  }

  @Test
  void aCallWhileThePluginIsNewWaitsForTheAgentAndReachesIt() throws Exception {
    start();
    Thread agentLater = new Thread(() -> {
      try {
        Thread.sleep(700);
        agent = new FakeAgent(agentSocket());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    agentLater.start();
    Answer answer = post(dockerSocket(), REQUEST_ADDRESS, "{\"PoolID\":\"weft:10.32.0.0/12\"}");
    agentLater.join();
    assertEquals(200, answer.status());
    assertEquals(REQUEST_ADDRESS + " 30", new JsonObject(answer.body()).getString("Echo"),
        "the request, body and all, reached the agent");
  }

  @Test
  void onceTheAgentAnsweredItsAbsenceIsSaidAtOnce() throws Exception {
    agent = new FakeAgent(agentSocket());
    start();
    assertEquals(REQUEST_ADDRESS + " 2", new JsonObject(post(dockerSocket(), REQUEST_ADDRESS, "{}").body())
        .getString("Echo"));
    agent.close();
    long start = System.nanoTime();
    Answer refused = post(dockerSocket(), REQUEST_ADDRESS, "{}");
    assertTrue(new JsonObject(refused.body()).getString("Err").contains("weft launch"), refused.body());
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "no wait once the agent was seen");
  }

  @Test
  void stoppedItTakesItsSocketsAway() throws Exception {
    start();
    assertTrue(Files.exists(dockerSocket()));
    plugin.destroy(); // SIGTERM, as Docker stops a plugin
    assertEquals(0, plugin.waitFor());
    assertFalse(Files.exists(dockerSocket()), "a socket left behind makes Docker retry it for seconds");
  }

  private void start() throws Exception {
    Map<String, String> values = AgentImage.pluginValues();
    values.put("PLUGIN_HOST_DIR", dir.resolve("host").toString());
    values.put("MANAGED_DIR", dir.resolve("run").toString());
    values.put("STATE_DIR", dir.resolve("state").toString());
    values.put("BOOT_WAIT", String.valueOf(BOOT_WAIT_SECONDS));
    Path script = dir.resolve("weft-plugin");
    Files.writeString(script, AgentImage.fill(AgentImage.resource("weft-plugin"), values));
    assertFalse(Files.readString(script).matches("(?s).*@[A-Z_]+@.*"), "a placeholder is left");
    script.toFile().setExecutable(true);
    plugin = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("plugin.log").toFile()).start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!(Files.exists(dockerSocket()) && Files.exists(dir.resolve("run/weft.sock")))) {
      assertTrue(System.nanoTime() < deadline, "the plugin did not listen: " + Files.readString(dir.resolve("plugin.log")));
      Thread.sleep(20);
    }
  }

  private Path dockerSocket() {
    return dir.resolve("host/weft.sock");
  }

  private Path agentSocket() {
    return dir.resolve("host/weft-agent/agent.sock");
  }

  record Answer(int status, String body) {}

  /** One call as Docker makes it: HTTP/1.1 on a new connection, read to the end. */
  private static Answer post(Path socket, String path, String body) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      channel.write(ByteBuffer.wrap(("POST " + path + " HTTP/1.1\r\nHost: plugin\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8)));
      String response = new String(readAll(channel), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      return new Answer(status, response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  private static byte[] readAll(SocketChannel channel) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (channel.read(buffer) > 0) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return out.toByteArray();
  }

  /** An agent that answers every call with the path and the length of the body it got. */
  private static final class FakeAgent implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private final AtomicInteger calls = new AtomicInteger();
    private final Thread thread;

    FakeAgent(Path socket) throws IOException {
      this.socket = socket;
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      thread = new Thread(this::serve, "fake-agent");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (server.isOpen()) {
        try (SocketChannel client = server.accept()) {
          String request = readRequest(client);
          if (request.isEmpty()) {
            continue; // the plugin's probe: connected, said nothing
          }
          calls.incrementAndGet();
          String path = request.substring(request.indexOf(' ') + 1, request.indexOf(' ', request.indexOf(' ') + 1));
          int length = request.length() - request.indexOf("\r\n\r\n") - 4;
          String body = new JsonObject().put("Echo", path + " " + length).encode();
          client.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    /** The request up to the end of its body, as Content-Length says. */
    private static String readRequest(SocketChannel client) throws IOException {
      StringBuilder text = new StringBuilder();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (true) {
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          int want = length.find() ? Integer.parseInt(length.group(1)) : 0;
          if (text.length() - end - 4 >= want) {
            return text.toString();
          }
        }
        buffer.clear();
        if (client.read(buffer) <= 0) {
          return text.toString();
        }
        text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      Files.deleteIfExists(socket);
    }
  }
}
