package io.weft.bench.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.SharedFleet;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/weft_client.py, run as a user runs it, on this machine against the third host's agent of
 * a launched fleet of three, with credentials {@code weft credentials} wrote: every host's ps,
 * then a container attached on the second arrives as an event. And what the bridge refuses.
 */
@SharedFleet
class BridgeIT {

  private static final long BOUND_SECONDS = 60;
  private static List<FleetHost> hosts;
  private static Path home;

  @BeforeAll
  static void fleet(Fleet shared) {
    home = Path.of(System.getProperty("weft.home"));
    hosts = shared.hosts();
  }

  @Test
  void thePythonClientSeesEveryHostAndAContainerAttachedElsewhere(@TempDir Path dir) throws Exception {
    assertEquals(0, weft(hosts.get(0), "credentials", "deploy", dir.toString()));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(dir.resolve("key.pem")));
    Process client = python(dir, hosts.get(2).address(), "--events-for", String.valueOf(BOUND_SECONDS));
    BlockingQueue<String> lines = lines(client);
    // and weft events, through the first host's Docker API, following the second alone
    ProcessBuilder events = new ProcessBuilder(home.resolve("weft").toString(), "events", "--json",
        "--host", hosts.get(1).name(), "--for", String.valueOf(BOUND_SECONDS)).redirectErrorStream(true);
    events.environment().put("DOCKER_HOST", hosts.get(0).dockerHost());
    Process cli = events.start();
    cli.getOutputStream().close();
    BlockingQueue<String> cliLines = lines(cli);
    try {
      while (!next(cliLines).contains("following the fleet's events")) {
        // what the command line says before it follows
      }
      Set<String> answered = new TreeSet<>();
      for (int i = 0; i < 3; i++) {
        JsonObject reply = new JsonObject(next(lines));
        assertTrue(reply.getBoolean("ok"), reply.encode());
        answered.add(reply.getString("host"));
      }
      assertEquals(Set.copyOf(names(hosts)), answered);

      // subscribed before it asked: a container attached on the second host now reaches it as an event
      assertEquals(0, weft(hosts.get(1), "run", "--name", "bridge-web", DebianBase.IMAGE, "sleep", "infinity"));
      JsonObject attached = null;
      while (attached == null) {
        JsonObject event = new JsonObject(next(lines));
        if (event.getString("event").equals("attached")
            && "bridge-web".equals(event.getJsonObject("container").getString("name"))) {
          attached = event;
        }
      }
      assertEquals(hosts.get(1).name(), attached.getString("host"));
      assertEquals(1, attached.getJsonArray("added").size(), attached.encode());
      JsonObject printed = null;
      while (printed == null) {
        String line = next(cliLines);
        if (line.startsWith("{") && new JsonObject(line).getString("event").equals("attached")) {
          printed = new JsonObject(line);
        }
      }
      assertEquals(attached, printed, "weft events prints the event the bridge client got");

      // a container Docker itself puts on weft is told of too, when it comes and when it goes
      assertEquals(0, docker(hosts.get(2), "run", "-d", "--net=weft", "--name", "bridge-plugin",
          DebianBase.IMAGE, "sleep", "infinity"));
      JsonObject viaDocker = nextAbout(lines, "attached", "bridge-plugin");
      assertEquals(hosts.get(2).name(), viaDocker.getString("host"));
      assertEquals(1, viaDocker.getJsonArray("added").size(), viaDocker.encode());
      String id = viaDocker.getJsonObject("container").getString("id");
      assertEquals(0, docker(hosts.get(2), "rm", "-f", "bridge-plugin"));
      JsonObject gone = null;
      while (gone == null) {
        JsonObject event = new JsonObject(next(lines));
        if (event.getString("event").equals("detached")
            && id.equals(event.getJsonObject("container").getString("id"))) {
          gone = event;
        }
      }
      assertEquals(viaDocker.getJsonArray("added"), gone.getJsonArray("removed"), gone.encode());
    } finally {
      client.destroy();
      cli.destroy();
    }
  }

  @Test
  void aReadOnlyCredentialCannotChangeAHost(@TempDir Path dir) throws Exception {
    assertEquals(0, weft(hosts.get(0), "credentials", "--read-only", "monitor", dir.toString()));
    JsonObject ps = send(dir, "weft.host." + hosts.get(1).name(), "{\"verb\": \"ps\"}");
    assertEquals("message", ps.getString("type"), ps.encode());
    JsonObject expose = send(dir, "weft.host." + hosts.get(1).name(), "{\"verb\": \"expose\", \"cidrs\": []}");
    assertEquals("err", expose.getString("type"), expose.encode());
    assertTrue(expose.getString("message").contains("read-only"), expose.encode());
  }

  @Test
  void aSendToAnAddressThatIsNotWeftsIsRefused(@TempDir Path dir) throws Exception {
    assertEquals(0, weft(hosts.get(0), "credentials", "deploy", dir.toString()));
    JsonObject ipam = send(dir, "weft.ipam." + hosts.get(0).name(), "{\"op\": \"space\"}");
    assertEquals("err", ipam.getString("type"), ipam.encode());
    assertTrue(ipam.getString("message").startsWith("access_denied"), ipam.encode());
  }

  @Test
  void aClientWithAnotherFleetsCredentialsIsDropped(@TempDir Path dir) throws Exception {
    assertEquals(0, weft(hosts.get(0), "credentials", "deploy", dir.toString()));
    // the same key with a certificate nothing of this fleet signed
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.copy(dir.resolve("ca.pem"), foreign.resolve("ca.pem"));
    Files.copy(dir.resolve("key.pem"), foreign.resolve("key.pem"));
    Files.writeString(foreign.resolve("cert.pem"), selfSigned(foreign));
    Process client = python(foreign, hosts.get(2).address(), "--send", "weft.fleet", "{\"query\": \"peers\"}");
    assertTrue(client.waitFor(BOUND_SECONDS, TimeUnit.SECONDS));
    assertNotEquals(0, client.exitValue());
  }

  // ---- helpers

  /** A certificate for the same key that nothing of this fleet signed: openssl's own. */
  private static String selfSigned(Path dir) throws Exception {
    Process openssl = new ProcessBuilder("openssl", "req", "-new", "-x509", "-key",
        dir.resolve("key.pem").toString(), "-subj", "/O=weft/OU=operator/CN=intruder", "-days", "1")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String pem = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(openssl.waitFor(BOUND_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, openssl.exitValue());
    return pem;
  }

  /** The next event of {@code kind} about the container named {@code name}. */
  private static JsonObject nextAbout(BlockingQueue<String> lines, String kind, String name) throws Exception {
    while (true) {
      JsonObject event = new JsonObject(next(lines));
      if (event.getString("event").equals(kind)
          && name.equals(event.getJsonObject("container").getString("name"))) {
        return event;
      }
    }
  }

  private static List<String> names(List<FleetHost> hosts) {
    return hosts.stream().map(FleetHost::name).toList();
  }

  /** The machine's docker command line against {@code host}'s engine. */
  private static int docker(FleetHost host, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DOCKER_HOST", host.dockerHost());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS), "docker " + args[0] + " did not end");
    if (process.exitValue() != 0) {
      System.out.println("docker " + String.join(" ", args) + ": " + out);
    }
    return process.exitValue();
  }

  private static int weft(FleetHost host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      return WeftCli.run(args);
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }

  private static Process python(Path dir, String address, String... more) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3",
        home.resolve("docs/examples/weft_client.py").toString(), address, dir.toString()));
    command.addAll(List.of(more));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static JsonObject send(Path dir, String address, String body) throws Exception {
    Process client = python(dir, hosts.get(2).address(), "--send", address, body);
    String line = next(lines(client));
    assertTrue(client.waitFor(BOUND_SECONDS, TimeUnit.SECONDS));
    return new JsonObject(line);
  }

  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          System.out.println("CLIENT " + line);
          lines.add(line);
        }
      } catch (Exception e) {
        // the process ended
      }
    }, "client-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String next(BlockingQueue<String> lines) throws InterruptedException {
    String line = lines.poll(BOUND_SECONDS, TimeUnit.SECONDS);
    assertTrue(line != null, "the client printed nothing within " + BOUND_SECONDS + " s");
    return line;
  }
}
