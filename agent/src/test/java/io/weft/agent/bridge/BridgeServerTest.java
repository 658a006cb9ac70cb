package io.weft.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.UnitLocks;
import io.weft.agent.tls.FleetCertificates;
import io.weft.agent.tls.KeyDerivation;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.common.bus.HostReply;
import io.weft.common.command.ContainerView;
import io.weft.common.net.Cidr;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The bridge on this machine's loopback, with the fleet's real certificates and the agent's
 * consumers faked: what a client may do, what closes it, and the Python example client run as a
 * user would run it.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class BridgeServerTest {

  private static final int FAST = 1000;

  @RegisterExtension
  static final OneBridge bridge = new OneBridge();
  private static BridgeKit kit;
  private static int port;

  @BeforeAll
  static void start() {
    kit = bridge.kit;
    port = bridge.port;
    kit.vertx.eventBus().consumer(BusAddresses.host("host1"), m -> m.reply(HostReply.ok("host1",
        new JsonObject().put("containers", new JsonArray())).toJson()));
    kit.vertx.eventBus().consumer(BusAddresses.FLEET, m -> m.reply(new JsonObject()
        .put("peers", new JsonArray().add(new JsonObject().put("name", "host1")))));
  }

  @Test
  void thePythonClientGetsEachHostsPsThenTheEventsAsTheyCome(@TempDir Path dir) throws Exception {
    KeyPair key = credential(dir, kit.clients, "deploy", false);
    Process python = python(dir, "--events-for", "20");
    try (BufferedReader out = python.inputReader(StandardCharsets.UTF_8)) {
      JsonObject ps = new JsonObject(out.readLine());
      assertEquals("host1", ps.getString("host"));
      assertTrue(ps.getBoolean("ok"));
      // subscribed before ps was sent: an event from now on reaches it
      FleetEvents.on(kit.vertx.eventBus(), "host1").publish(FleetEvent.attached("host1",
          new ContainerView("c0ffee", "web", "ethwe", List.of(Cidr.parse("10.32.0.5/12"))),
          List.of(Cidr.parse("10.32.0.5/12"))));
      JsonObject event = new JsonObject(out.readLine());
      assertEquals("attached", event.getString("event"));
      assertEquals("web", event.getJsonObject("container").getString("name"));
    } finally {
      python.destroy();
    }
    assertNotEquals(null, key);
  }

  @Test
  void whenItsAgentGoesTheClientFollowsTheEventsThroughAnother(@TempDir Path dir) throws Exception {
    credential(dir, kit.clients, "deploy", false);
    int second = BridgeKit.freePort();
    BridgeServer leaving = kit.bridge(second, BridgeContract.MAX_CLIENTS);
    leaving.listen().await(5, TimeUnit.SECONDS);
    Process python = new ProcessBuilder("python3", example().toString(),
        "127.0.0.1:" + second + ",127.0.0.1:" + port, dir.toString(), "--events-for", "20")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long[] timer = {-1};
    try (BufferedReader out = python.inputReader(StandardCharsets.UTF_8)) {
      assertTrue(new JsonObject(out.readLine()).getBoolean("ok")); // ps, through the first
      leaving.close().await(5, TimeUnit.SECONDS);
      FleetEvents events = FleetEvents.on(kit.vertx.eventBus(), "host1");
      // published until the client is back on the other bridge and hears one
      timer[0] = kit.vertx.setPeriodic(200, id -> events.publish(FleetEvent.peerLeft("host9")));
      JsonObject event = new JsonObject(out.readLine());
      assertEquals("peer-left", event.getString("event"));
    } finally {
      kit.vertx.cancelTimer(timer[0]);
      python.destroy();
    }
  }

  @Test
  void aClientBeyondTheAgentsLimitIsClosedAtOnce() throws Exception {
    int limited = BridgeKit.freePort();
    BridgeServer two = kit.bridge(limited, 2);
    two.listen().await(5, TimeUnit.SECONDS);
    KeyPair key = BridgeKit.newKey();
    X509Certificate cert = kit.clients.issueClient("many", true, key.getPublic(), Duration.ofDays(1));
    try (SSLSocket first = kit.connect(key, cert, 0, limited); SSLSocket second = kit.connect(key, cert, 0, limited);
        SSLSocket third = kit.connect(key, cert, 0, limited)) {
      DataInputStream in = new DataInputStream(third.getInputStream());
      assertTrue(BridgeKit.read(in).getString("message").contains("serves 2 clients already"));
      assertEquals(-1, in.read());
      BridgeKit.frame(second, new JsonObject().put("type", "ping"));
      assertEquals("pong", BridgeKit.read(second).getString("type"));
    } finally {
      two.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aReadOnlyCredentialReadsAndCannotChangeAnything(@TempDir Path dir) throws Exception {
    credential(dir, kit.clients, "monitor", true);
    JsonObject ps = sendWithPython(dir, BusAddresses.host("host1"), "{\"verb\": \"ps\"}");
    assertEquals("message", ps.getString("type"), ps.encode());
    JsonObject attach = sendWithPython(dir, BusAddresses.host("host1"),
        "{\"verb\": \"attach\", \"cidrs\": [], \"container\": \"web\"}");
    assertEquals("err", attach.getString("type"));
    assertTrue(attach.getString("message").contains("read-only"), attach.encode());
  }

  @Test
  void anAddressThatIsNotWeftsIsRefused(@TempDir Path dir) throws Exception {
    credential(dir, kit.clients, "deploy", false);
    for (String address : List.of("weft.ipam.host1", "weft.merged", "kit.vertx.something")) {
      JsonObject reply = sendWithPython(dir, address, "{}");
      assertEquals("err", reply.getString("type"), address);
      assertTrue(reply.getString("message").startsWith("access_denied"), reply.encode());
    }
  }

  @Test
  void foreignAndExpiredCredentialsAreDroppedAtTheHandshake(@TempDir Path dir) throws Exception {
    FleetCertificates stranger = FleetCertificates.deriveClients(
        KeyDerivation.fromPassword("another fleet".toCharArray(), FAST));
    credential(dir, stranger, "intruder", false);
    Process foreign = python(dir, "--send", BusAddresses.FLEET, "{\"query\": \"peers\"}");
    assertTrue(foreign.waitFor(20, TimeUnit.SECONDS));
    assertNotEquals(0, foreign.exitValue());

    // the fleet CA itself is no client authority: an agent's own certificate opens nothing here
    KeyPair agentKey = BridgeKit.newKey();
    X509Certificate expired = kit.clients.issueClient("old", false, agentKey.getPublic(),
        ZonedDateTime.now(ZoneOffset.UTC).minusDays(10), ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
    assertThrows(IOException.class, () -> {
      try (SSLSocket socket = kit.connect(agentKey, expired, 0, port)) {
        BridgeKit.frame(socket, new JsonObject().put("type", "ping"));
        new DataInputStream(socket.getInputStream()).readInt();
      }
    });
  }

  @Test
  void anOversizedOrMalformedFrameClosesTheConnection() throws Exception {
    KeyPair key = BridgeKit.newKey();
    X509Certificate cert = kit.clients.issueClient("fuzz", false, key.getPublic(), Duration.ofDays(1));
    for (byte[] bad : List.of(new byte[0], "not json".getBytes(StandardCharsets.UTF_8),
        "{\"type\":\"teleport\",\"address\":\"weft.fleet\"}".getBytes(StandardCharsets.UTF_8))) {
      try (SSLSocket socket = kit.connect(key, cert, 0, port)) {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(bad.length == 0 ? BridgeContract.MAX_FRAME_BYTES + 1 : bad.length);
        out.write(bad);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] err = new byte[in.readInt()];
        in.readFully(err);
        assertTrue(new String(err, StandardCharsets.UTF_8).contains("closed"));
        assertEquals(-1, in.read(), "the connection is closed after the err frame");
      }
    }
  }

  @Test
  void aClientThatDoesNotReadLosesEventsAndIsToldHowMany() throws Exception {
    KeyPair key = BridgeKit.newKey();
    X509Certificate cert = kit.clients.issueClient("slow", true, key.getPublic(), Duration.ofDays(1));
    try (SSLSocket socket = kit.connect(key, cert, 4096, port)) {
      BridgeKit.frame(socket, new JsonObject().put("type", "register").put("address", BusAddresses.EVENTS));
      BridgeKit.frame(socket, new JsonObject().put("type", "ping"));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      BridgeKit.read(in); // pong: the registration is in place
      String padding = "x".repeat(4000);
      FleetEvents events = FleetEvents.on(kit.vertx.eventBus(), "host1");
      for (int i = 0; i < 6000; i++) { // 24 MB of events, far beyond what is queued for a client
        events.publish(FleetEvent.peerJoined("host1", padding));
      }
      long dropped = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (dropped == 0 && System.nanoTime() < deadline) {
        JsonObject frame = BridgeKit.read(in);
        JsonObject body = frame.getJsonObject("body");
        if (body != null && "dropped".equals(body.getString("event"))) {
          dropped = body.getLong("count");
        }
      }
      assertTrue(dropped > 0, "told of the events dropped");
    }
  }

  // ---- helpers

  private static KeyPair credential(Path dir, FleetCertificates authority, String name, boolean readOnly)
      throws Exception {
    KeyPair key = BridgeKit.newKey();
    X509Certificate cert = authority.issueClient(name, readOnly, key.getPublic(), Duration.ofDays(1));
    Files.writeString(dir.resolve(BridgeContract.KEY_FILE), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
    Files.writeString(dir.resolve(BridgeContract.CERT_FILE), pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(dir.resolve(BridgeContract.CA_FILE), pem("CERTIFICATE", kit.fleet.authority().getEncoded()));
    return key;
  }

  private static Process python(Path dir, String... more) throws IOException {
    List<String> command = new ArrayList<>(List.of("python3", example().toString(),
        "127.0.0.1:" + port, dir.toString()));
    command.addAll(List.of(more));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static JsonObject sendWithPython(Path dir, String address, String body) throws Exception {
    Process python = python(dir, "--send", address, body);
    String line;
    try (BufferedReader out = python.inputReader(StandardCharsets.UTF_8)) {
      line = out.readLine();
    }
    assertTrue(python.waitFor(20, TimeUnit.SECONDS));
    return new JsonObject(line);
  }

  static Path example() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("docs/examples/weft_client.py");
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("docs/examples/weft_client.py not found above " + Path.of("").toAbsolutePath());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

}
