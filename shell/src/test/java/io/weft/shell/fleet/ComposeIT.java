package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.SharedFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
@SharedFleet
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

  private static final Path EXAMPLES = Path.of(System.getProperty("weft.home"), "docs/examples/compose");
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static Fleet fleet;
  /** The host that runs the service web, and the one that runs client. */
  private static FleetHost first;
  private static FleetHost second;

  @BeforeAll
  static void fleet(Fleet shared) {
    TestTools.ensure("docker-compose", "docker-compose");
    fleet = shared;
    first = fleet.host(0);
    second = fleet.host(1);
  }

  @AfterEach
  void composeDown() {
    for (FleetHost host : List.of(first, second)) {
      compose(host, "docker-compose.yml", Map.of(), "down");
    }
  }

  @Test
  @Order(1)
  void servicesOnTwoHostsFindEachOtherWithWeftsDnsInTheFile() {
    Map<String, String> onFirst = Map.of("WEFT_DNS", dnsAddress(first));
    Map<String, String> onSecond = Map.of("WEFT_DNS", dnsAddress(second));
    assertEquals(0, compose(first, "docker-compose.dns.yml", onFirst, "up", "-d", "web").exitCode());
    assertEquals(0, compose(second, "docker-compose.dns.yml", onSecond, "up", "-d", "client").exitCode());
    assertReachEachOther("docker-compose.dns.yml", onFirst, onSecond);
  }

  @Test
  @Order(2)
  void withTheEnginesDnsDefaultTheFileNeedsNoDnsSettings() throws Exception {
    try {
      Map<FleetHost, String> settings = new LinkedHashMap<>();
      for (FleetHost host : List.of(first, second)) {
        // what docs/docker-networks.md#compose says to put in /etc/docker/daemon.json
        CapturedRun daemonJson = host.weft("dns-args", "--daemon-json");
        assertEquals(0, daemonJson.exitCode(), daemonJson.err());
        assertEquals(dnsAddress(host), new JsonObject(daemonJson.out()).getJsonArray("dns").getString(0));
        settings.put(host, daemonJson.out());
      }
      restartEnginesWith(settings);
      assertEquals(0, compose(first, "docker-compose.yml", Map.of(), "up", "-d", "web").exitCode());
      assertEquals(0, compose(second, "docker-compose.yml", Map.of(), "up", "-d", "client").exitCode());
      assertReachEachOther("docker-compose.yml", Map.of(), Map.of());
    } finally {
      // the fleet goes on to other classes: their engines as they were
      for (FleetHost host : List.of(first, second)) {
        compose(host, "docker-compose.yml", Map.of(), "down");
      }
      restartEnginesWith(Map.of(first, "{}\n", second, "{}\n"));
    }
  }

  /**
   * The hosts' engines restarted with their daemon.json settings, side by side (each restart
   * waits on its engine and its agent, not on the processor); returns once their agents answer.
   */
  private static void restartEnginesWith(Map<FleetHost, String> settings) throws Exception {
    ExecutorService restarts = Executors.newFixedThreadPool(settings.size());
    try {
      List<Future<?>> each = new ArrayList<>();
      settings.forEach((host, json) -> each.add(restarts.submit(() -> {
        restartEngineWith(host, json);
        return null;
      })));
      for (Future<?> restart : each) {
        try {
          restart.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
      }
    } finally {
      restarts.shutdownNow();
    }
  }

  /** The host's engine restarted with {@code settings} as its daemon.json; returns once its agent answers. */
  private static void restartEngineWith(FleetHost host, String settings) throws Exception {
    Files.writeString(host.sandboxHost().engineSettings(), settings);
    fleet.restartEngine(host);
    Await.until(host + "'s agent back", BOUND, () -> host.weft("status").exitCode() == 0);
  }

  /** client on the second host and web on the first look each other up by service name and ping. */
  private static void assertReachEachOther(String file, Map<String, String> onFirst, Map<String, String> onSecond) {
    Await.until("client finds web on the other host", BOUND,
        () -> compose(second, file, onSecond, "exec", "-T", "client", "getent", "hosts", "web").exitCode() == 0);
    Await.until("web finds client on the other host", BOUND,
        () -> compose(first, file, onFirst, "exec", "-T", "web", "getent", "hosts", "client").exitCode() == 0);
    ProcessResult ping = compose(second, file, onSecond, "exec", "-T", "client", "ping", "-c", "1", "-W", "2", "web");
    assertEquals(0, ping.exitCode(), ping.stdout() + ping.stderr());
    ProcessResult back = compose(first, file, onFirst, "exec", "-T", "web", "ping", "-c", "1", "-W", "2", "client");
    assertEquals(0, back.exitCode(), back.stdout() + back.stderr());
  }

  private static String dnsAddress(FleetHost host) {
    CapturedRun args = host.weft("dns-args", "--json");
    assertEquals(0, args.exitCode(), args.err());
    return new JsonObject(args.out()).getJsonObject("result").getString("server");
  }

  /** docker-compose with one of the documented files, as a user on the machine runs it against {@code host}. */
  private static ProcessResult compose(FleetHost host, String file, Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", "weftdemo", "-f",
        EXAMPLES.resolve(file).toString()));
    argv.addAll(List.of(args));
    HostProcess process = HostProcess.of(argv).timeoutSeconds(120)
        .withEnvironment("DOCKER_HOST", host.dockerHost())
        .withEnvironment("IMAGE", DebianBase.IMAGE);
    env.forEach(process::withEnvironment);
    ProcessResult result = process.runAllowingFailure();
    System.out.println(host + "$ docker-compose " + String.join(" ", args) + " -> " + result.exitCode() + "\n"
        + (result.stdout() + result.stderr()).stripTrailing());
    return result;
  }
}
