package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Compose as users run it: Debian's docker-compose 1.29 with the files of docs/examples/compose,
 * whose services are on the external network weft, one service started on each of two hosts;
 * each finds the other by its service name, through weft's DNS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

  private static final Path EXAMPLES = Path.of(System.getProperty("weft.home"), "docs/examples/compose");
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static FleetHosts fleet;

  @BeforeAll
  static void fleet() {
    TestTools.ensure("docker-compose", "docker-compose");
    fleet = FleetHosts.up(2).launched();
  }

  @AfterAll
  static void down() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
  }

  @AfterEach
  void composeDown() {
    for (String host : fleet.names()) {
      compose(host, "docker-compose.yml", Map.of(), "down");
    }
  }

  @Test
  @Order(1)
  void servicesOnTwoHostsFindEachOtherWithWeftsDnsInTheFile() {
    Map<String, String> host1 = Map.of("WEFT_DNS", dnsAddress("host1"));
    Map<String, String> host2 = Map.of("WEFT_DNS", dnsAddress("host2"));
    assertEquals(0, compose("host1", "docker-compose.dns.yml", host1, "up", "-d", "web").exitCode());
    assertEquals(0, compose("host2", "docker-compose.dns.yml", host2, "up", "-d", "client").exitCode());
    assertReachEachOther("docker-compose.dns.yml", host1, host2);
  }

  @Test
  @Order(2)
  void withTheEnginesDnsDefaultTheFileNeedsNoDnsSettings() throws Exception {
    for (String host : fleet.names()) {
      // what docs/docker-networks.md#compose says to put in /etc/docker/daemon.json
      CapturedRun settings = fleet.weft(host, "dns-args", "--daemon-json");
      assertEquals(0, settings.exitCode(), settings.err());
      assertEquals(dnsAddress(host), new JsonObject(settings.out()).getJsonArray("dns").getString(0));
      Files.writeString(fleet.sandbox.host(host).engineSettings(), settings.out());
      fleet.sandbox.restartEngine(host);
      Await.until(host + "'s agent back", BOUND, () -> fleet.weft(host, "status").exitCode() == 0);
    }
    try {
      assertEquals(0, compose("host1", "docker-compose.yml", Map.of(), "up", "-d", "web").exitCode());
      assertEquals(0, compose("host2", "docker-compose.yml", Map.of(), "up", "-d", "client").exitCode());
      assertReachEachOther("docker-compose.yml", Map.of(), Map.of());
    } finally {
      for (String host : fleet.names()) {
        Files.writeString(fleet.sandbox.host(host).engineSettings(), "{}\n");
      }
    }
  }

  /** client on host2 and web on host1 look each other up by service name and ping. */
  private static void assertReachEachOther(String file, Map<String, String> host1, Map<String, String> host2) {
    Await.until("client finds web on the other host", BOUND,
        () -> compose("host2", file, host2, "exec", "-T", "client", "getent", "hosts", "web").exitCode() == 0);
    Await.until("web finds client on the other host", BOUND,
        () -> compose("host1", file, host1, "exec", "-T", "web", "getent", "hosts", "client").exitCode() == 0);
    ProcessResult ping = compose("host2", file, host2, "exec", "-T", "client", "ping", "-c", "1", "-W", "2", "web");
    assertEquals(0, ping.exitCode(), ping.stdout() + ping.stderr());
    ProcessResult back = compose("host1", file, host1, "exec", "-T", "web", "ping", "-c", "1", "-W", "2", "client");
    assertEquals(0, back.exitCode(), back.stdout() + back.stderr());
  }

  private static String dnsAddress(String host) {
    CapturedRun args = fleet.weft(host, "dns-args", "--json");
    assertEquals(0, args.exitCode(), args.err());
    return new JsonObject(args.out()).getJsonObject("result").getString("server");
  }

  /** docker-compose with one of the documented files, as a user on the machine runs it against {@code host}. */
  private static ProcessResult compose(String host, String file, Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", "weftdemo", "-f",
        EXAMPLES.resolve(file).toString()));
    argv.addAll(List.of(args));
    HostProcess process = HostProcess.of(argv).timeoutSeconds(120)
        .withEnvironment("DOCKER_HOST", fleet.sandbox.host(host).dockerHost())
        .withEnvironment("IMAGE", DebianBase.IMAGE);
    env.forEach(process::withEnvironment);
    ProcessResult result = process.runAllowingFailure();
    System.out.println(host + "$ docker-compose " + String.join(" ", args) + " -> " + result.exitCode() + "\n"
        + (result.stdout() + result.stderr()).stripTrailing());
    return result;
  }
}
