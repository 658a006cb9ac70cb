package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * weft as Docker's network plugin, used the way users use it: the machine's {@code docker}
 * command line against three launched sandbox hosts. Containers Docker puts on weft get
 * addresses unique across the fleet and reach those weft attached; Docker's errors carry
 * weft's one line, and a refusal leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginIT {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static FleetHosts fleet;
  private static DockerCli docker;
  /** A container attached by weft on host2, and its address. */
  private static String attached;
  private static String attachedAddress;

  @BeforeAll
  static void fleet() {
    fleet = FleetHosts.up(3).launched();
    docker = new DockerCli(fleet.sandbox);
  }

  @AfterAll
  static void down() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void everyLaunchedHostHasTheNetworkWeft() {
    for (String host : fleet.names()) {
      String networks = docker.ok(host, "network", "ls", "--filter", "driver=weft", "--format", "{{.Name}} {{.Driver}}");
      assertEquals("weft weft", networks, host);
      String subnet = docker.ok(host, "network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}} {{.IPAM.Driver}}", "weft");
      assertEquals("10.32.0.0/12 weft", subnet, host);
    }
  }

  @Test
  @Order(2)
  void dockerRunOnWeftReachesContainersOnOtherHostsAttachedEitherWay() {
    attached = fleet.container("host2");
    CapturedRun attach = fleet.weft("host2", "attach", attached);
    assertEquals(0, attach.exitCode(), attach.err());
    attachedAddress = fleet.ethwe("host2", attached).get(0).split("/")[0];

    docker.ok("host1", "run", "-d", "--name", "p1", "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
    docker.ok("host3", "run", "-d", "--name", "p3", "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
    String p1 = docker.address("host1", "p1", "weft");
    String p3 = docker.address("host3", "p3", "weft");
    assertTrue(p1.startsWith("10."), p1);
    assertEquals(3, Set.of(p1, p3, attachedAddress).size(), "addresses given twice: " + p1 + " " + p3 + " " + attachedAddress);

    // Docker named the interface from weft's prefix; its MAC is the address's, as on Docker's bridge
    String links = HostProcess.of("nsenter", "--net=/proc/" + fleet.pid("host1", "p1") + "/ns/net",
        "ip", "-o", "link", "show", "ethwe0").run();
    String[] octets = p1.split("\\.");
    String mac = String.format("02:77:%02x:%02x:%02x:%02x", Integer.parseInt(octets[0]), Integer.parseInt(octets[1]),
        Integer.parseInt(octets[2]), Integer.parseInt(octets[3]));
    assertTrue(links.contains("link/ether " + mac), links);

    Await.until("p1 reaches the container weft attached on host2", BOUND,
        () -> fleet.ping("host1", "p1", attachedAddress, 0.5));
    Await.until("the attached container reaches p3", BOUND, () -> fleet.ping("host2", attached, p3, 0.5));
    Await.until("p3 reaches p1", BOUND, () -> fleet.ping("host3", "p3", p1, 0.5));
  }

  @Test
  @Order(3)
  void anAddressAskedForIsGivenOrRefusedWhenAnyoneHoldsIt() {
    int endpointsBefore = hostEnds("host1");
    DockerCli.Timed taken = docker.run("host1", "run", "-d", "--name", "twice", "--net=weft", "--ip", attachedAddress,
        DebianBase.IMAGE, "sleep", "infinity");
    assertNotEquals(0, taken.exitCode());
    assertTrue(taken.err().contains("weft: ") && taken.err().contains(attachedAddress), taken.err());
    assertEquals(endpointsBefore, hostEnds("host1"), "a refused endpoint left its interface");
    docker.ok("host1", "rm", "-f", "twice");

    // an address of another host's block: claimed through its owner
    docker.ok("host3", "run", "-d", "--name", "fixed", "--net=weft", "--ip", "10.32.200.7", DebianBase.IMAGE, "sleep", "infinity");
    assertEquals("10.32.200.7", docker.address("host3", "fixed", "weft"));
    DockerCli.Timed again = docker.run("host2", "run", "-d", "--name", "fixed2", "--net=weft", "--ip", "10.32.200.7",
        DebianBase.IMAGE, "sleep", "infinity");
    assertNotEquals(0, again.exitCode());
    assertTrue(again.err().contains("weft: "), again.err());
    docker.ok("host2", "rm", "-f", "fixed2");
    Await.until("p1 reaches the address asked for", BOUND, () -> fleet.ping("host1", "p1", "10.32.200.7", 0.5));
  }

  @Test
  @Order(4)
  void addressesComeBackWhenDockerReleasesThemAndStayAcrossARestart() {
    docker.ok("host3", "restart", "-t", "0", "fixed");
    assertEquals("10.32.200.7", docker.address("host3", "fixed", "weft"), "restart changed the address asked for");

    docker.ok("host1", "run", "-d", "--name", "auto", "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
    String auto = docker.address("host1", "auto", "weft");
    Await.until("p3 reaches auto", BOUND, () -> fleet.ping("host3", "p3", auto, 0.5));
    docker.ok("host1", "rm", "-f", "auto");
    // handed out again on another host: p3, which spoke to the last holder, reaches the new one
    docker.ok("host2", "run", "-d", "--name", "moved", "--net=weft", "--ip", auto, DebianBase.IMAGE, "sleep", "infinity");
    Duration moved = Await.until("p3 reaches the address's new holder", BOUND, () -> fleet.ping("host3", "p3", auto, 0.5));
    System.out.println("FIGURE an address handed out again on another host reached in " + moved.toMillis() + " ms");
    docker.ok("host2", "rm", "-f", "moved");
    docker.ok("host3", "rm", "-f", "fixed");
    // released everywhere: others may have them now
    docker.ok("host2", "run", "-d", "--name", "reuse", "--net=weft", "--ip", "10.32.200.7", DebianBase.IMAGE, "sleep", "infinity");
    docker.ok("host2", "run", "-d", "--name", "reuse2", "--net=weft", "--ip", auto, DebianBase.IMAGE, "sleep", "infinity");
    docker.ok("host2", "rm", "-f", "reuse", "reuse2");
  }

  @Test
  @Order(5)
  void connectAndDisconnectARunningContainer() {
    // a container on a network of its own (the sandbox's engines have no default bridge)
    docker.ok("host1", "network", "create", "own");
    docker.ok("host1", "run", "-d", "--name", "later", "--net=own", DebianBase.IMAGE, "sleep", "infinity");
    docker.ok("host1", "network", "connect", "weft", "later");
    String address = docker.address("host1", "later", "weft");
    Await.until("a container connected later reaches host2's", BOUND,
        () -> fleet.ping("host1", "later", attachedAddress, 0.5));
    assertTrue(psOf("host1").contains(address), "weft ps does not show " + address);

    docker.ok("host1", "network", "disconnect", "weft", "later");
    String links = HostProcess.of("nsenter", "--net=/proc/" + fleet.pid("host1", "later") + "/ns/net",
        "ip", "-o", "link").run();
    assertFalse(links.contains("ethwe0"), links);
    assertFalse(psOf("host1").contains(address), "weft ps still shows " + address);
    docker.ok("host2", "run", "-d", "--name", "after", "--net=weft", "--ip", address, DebianBase.IMAGE, "sleep", "infinity");
    docker.ok("host2", "rm", "-f", "after");
    docker.ok("host1", "rm", "-f", "later");
    docker.ok("host1", "network", "rm", "own");
  }

  @Test
  @Order(6)
  void networksOfTheirOwnWithinTheRange() {
    docker.ok("host1", "network", "create", "-d", "weft", "--ipam-driver", "weft", "--subnet", "10.33.0.0/24", "blue");
    docker.ok("host2", "network", "create", "-d", "weft", "--ipam-driver", "weft", "--subnet", "10.33.0.0/24", "blue");
    docker.ok("host1", "run", "-d", "--name", "b1", "--net=blue", DebianBase.IMAGE, "sleep", "infinity");
    docker.ok("host2", "run", "-d", "--name", "b2", "--net=blue", DebianBase.IMAGE, "sleep", "infinity");
    String b1 = docker.address("host1", "b1", "blue");
    String b2 = docker.address("host2", "b2", "blue");
    assertTrue(b1.startsWith("10.33.0.") && b2.startsWith("10.33.0."), b1 + " " + b2);
    assertNotEquals(b1, b2);
    Await.until("b1 reaches b2", BOUND, () -> fleet.ping("host1", "b1", b2, 0.5));
    CapturedRun named = fleet.weft("host2", "ps", "--format", "{{.Name}} {{.Network}}");
    assertTrue(named.out().lines().anyMatch("b2 blue"::equals), "weft ps does not name the network: " + named.out());

    refused("host1", "the subnet 10.99.0.0/24 is not within", "network", "create", "-d", "weft", "--ipam-driver", "weft",
        "--subnet", "10.99.0.0/24", "outside");
    refused("host1", "overlaps 10.33.0.0/24", "network", "create", "-d", "weft", "--ipam-driver", "weft",
        "--subnet", "10.33.0.0/25", "overlapping");
    refused("host1", "knows no network option", "network", "create", "-d", "weft", "--ipam-driver", "weft",
        "--subnet", "10.34.0.0/24", "-o", "color=red", "optioned");
    refused("host1", "--ipam-driver weft", "network", "create", "-d", "weft", "--subnet", "10.35.0.0/24", "dockers");
    refused("host1", "", "run", "--name", "stray", "--net=blue", "--ip", "10.33.1.5", DebianBase.IMAGE, "true");
    docker.run("host1", "rm", "-f", "stray");
    String networks = docker.ok("host1", "network", "ls", "--filter", "driver=weft", "--format", "{{.Name}}");
    assertEquals(Set.of("weft", "blue"), Set.of(networks.split("\n")), "a refused network was left behind");

    // a refused network gave its subnet back
    docker.ok("host1", "network", "create", "-d", "weft", "--ipam-driver", "weft", "--subnet", "10.34.0.0/24", "green");
    docker.ok("host1", "network", "rm", "green");
    // the subnet is free again once its network is gone
    docker.ok("host1", "rm", "-f", "b1");
    docker.ok("host1", "network", "rm", "blue");
    docker.ok("host1", "network", "create", "-d", "weft", "--ipam-driver", "weft", "--subnet", "10.33.0.0/25", "blue2");
    docker.ok("host1", "network", "rm", "blue2");
  }

  @Test
  @Order(7)
  void psAndStatusShowDockersContainersAndDetachPointsToDocker() {
    String p1 = docker.address("host1", "p1", "weft");
    JsonObject ps = new JsonObject(fleet.weft("host1", "ps", "--json").out()).getJsonObject("result");
    JsonObject row = ps.getJsonArray("containers").stream().map(r -> (JsonObject) r)
        .filter(r -> "p1".equals(r.getString("name"))).findFirst().orElseThrow(() -> new AssertionError(ps.encode()));
    assertEquals("weft", row.getString("network"));
    assertEquals(p1 + "/12", row.getJsonArray("addresses").getString(0));

    CapturedRun status = fleet.weft("host1", "status", "--json");
    assertTrue(new JsonObject(status.out()).getJsonObject("result").getInteger("containers") >= 1, status.out());

    CapturedRun detach = fleet.weft("host1", "detach", "p1");
    assertNotEquals(0, detach.exitCode());
    assertTrue(detach.err().contains("docker network disconnect weft p1"), detach.err());
    assertTrue(fleet.ping("host3", "p3", p1, 2), "p1 lost its address to a refused detach");
  }

  @Test
  @Order(8)
  void manyAtOnceOnEveryHostGetAddressesOfTheirOwn() throws Exception {
    int each = 6;
    ExecutorService pool = Executors.newFixedThreadPool(each * 3);
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (String host : fleet.names()) {
        for (int i = 0; i < each; i++) {
          String name = "many" + i;
          runs.add(pool.submit(() -> {
            docker.ok(host, "run", "-d", "--name", name, "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
            return docker.address(host, name, "weft");
          }));
        }
      }
      Set<String> addresses = new HashSet<>();
      for (Future<String> run : runs) {
        addresses.add(run.get());
      }
      assertEquals(each * 3, addresses.size(), "an address was given twice: " + addresses);
    } finally {
      pool.shutdownNow();
    }
    for (String host : fleet.names()) {
      List<String> names = new ArrayList<>(List.of("rm", "-f"));
      for (int i = 0; i < each; i++) {
        names.add("many" + i);
      }
      docker.ok(host, names.toArray(String[]::new));
    }
  }

  @Test
  @Order(9)
  void aSplitRefusesQuicklyAndLeavesNothing() {
    fleet.sandbox.cut("host3");
    try {
      Await.until("host3 sees the others gone", Duration.ofSeconds(60),
          () -> !fleet.peerNames("host3").contains("host1"));
      int endpointsBefore = hostEnds("host3");
      // an address of the founder's block, whose owner host3 cannot reach
      DockerCli.Timed cut = docker.run("host3", "run", "-d", "--name", "cutoff", "--net=weft", "--ip", "10.32.0.200",
          DebianBase.IMAGE, "sleep", "infinity");
      assertNotEquals(0, cut.exitCode());
      assertTrue(cut.err().contains("weft: ") && cut.err().contains("not reachable"), cut.err());
      assertEquals(endpointsBefore, hostEnds("host3"));
      docker.ok("host3", "rm", "-f", "cutoff");
      // an automatic address comes from host3's own blocks, split or not
      docker.ok("host3", "run", "-d", "--name", "cutside", "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
    } finally {
      fleet.sandbox.heal();
    }
    String cutside = docker.address("host3", "cutside", "weft");
    Await.until("p1 reaches the container started during the split", Duration.ofSeconds(60),
        () -> fleet.ping("host1", "p1", cutside, 0.5));
    docker.ok("host3", "rm", "-f", "cutside");
  }

  @Test
  @Order(10)
  void badRequestsOnTheSocketGetClearErrors() {
    Path socket = pluginSocket("host1");
    PluginSocket.Answer malformed = PluginSocket.post(socket, "/IpamDriver.RequestAddress", "{not json");
    assertEquals(400, malformed.status());
    assertTrue(new JsonObject(malformed.body()).getString("Err").startsWith("weft: "), malformed.body());
    PluginSocket.Answer unknown = PluginSocket.post(socket, "/VolumeDriver.Create", "{}");
    assertEquals(404, unknown.status());
    PluginSocket.Answer noPool = PluginSocket.post(socket, "/IpamDriver.RequestAddress", "{\"PoolID\":\"other\"}");
    assertTrue(new JsonObject(noPool.body()).getString("Err").contains("no pool of weft's"), noPool.body());
    PluginSocket.Answer badEndpoint = PluginSocket.post(socket, "/NetworkDriver.CreateEndpoint",
        "{\"NetworkID\":\"n\",\"EndpointID\":\"../../x\",\"Interface\":{\"Address\":\"10.32.9.9/12\"}}");
    assertTrue(new JsonObject(badEndpoint.body()).getString("Err").contains("not an endpoint id"), badEndpoint.body());
    PluginSocket.Answer activate = PluginSocket.post(socket, "/Plugin.Activate", "");
    assertTrue(activate.body().contains("IpamDriver"), activate.body());
  }

  @Test
  @Order(11)
  void withTheAgentStoppedDockerIsAnsweredAtOnceAndStopKeepsOnlyWhatContainersUse() {
    docker.ok("host3", "stop", "weft"); // the agent stopped behind weft's back
    DockerCli.Timed refused = docker.run("host3", "run", "--rm", "--net=weft", DebianBase.IMAGE, "true");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.err().contains("no weft agent runs on this host (start it: weft launch)"), refused.err());
    System.out.println("FIGURE docker run --net=weft with no agent failed in " + refused.millis() + " ms");
    assertTrue(refused.millis() < 2000, "docker run --net=weft took " + refused.millis() + " ms to fail");
    DockerCli.Timed volumes = docker.run("host3", "volume", "ls");
    DockerCli.Timed none = docker.run("host3", "run", "--rm", "--net=none", DebianBase.IMAGE, "true");
    assertEquals(0, volumes.exitCode());
    assertEquals(0, none.exitCode());
    System.out.println("FIGURE with weft stopped: docker volume ls " + volumes.millis() + " ms, docker run --net=none "
        + none.millis() + " ms");
    assertTrue(volumes.millis() < 5000 && none.millis() < 10_000, volumes.millis() + " " + none.millis());

    CapturedRun stop = fleet.weft("host3", "stop");
    assertEquals(0, stop.exitCode(), stop.err());
    assertTrue(stop.out().contains("kept Docker's network weft") && stop.out().contains("p3"), stop.out());
    assertEquals("weft-plugin:latest", docker.ok("host3", "plugin", "ls", "--format", "{{.Name}}"));
    DockerCli.Timed removed = docker.run("host3", "rm", "-f", "p3");
    assertEquals(0, removed.exitCode(), removed.err());
    System.out.println("FIGURE docker rm -f of a container on weft with no agent: " + removed.millis() + " ms");
    assertTrue(removed.millis() < 5000, "docker rm -f waited " + removed.millis() + " ms on weft");

    CapturedRun again = fleet.weft("host3", "stop");
    assertEquals(0, again.exitCode(), again.err());
    assertLeavesNothing("host3");

    CapturedRun launch = fleet.weft("host3", "launch", "--password-file", fleet.passwordFile().toString(),
        fleet.address("host1"));
    assertEquals(0, launch.exitCode(), launch.err());
    assertTrue(Files.exists(pluginSocket("host3")));
    docker.ok("host3", "run", "-d", "--name", "relaunched", "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
    String address = docker.address("host3", "relaunched", "weft");
    Await.until("p1 reaches a container of the relaunched host", BOUND, () -> fleet.ping("host1", "p1", address, 0.5));
  }

  @Test
  @Order(12)
  void resetWithoutAnAgentTakesContainersOffWeftAndLeavesNothing() {
    docker.ok("host3", "stop", "weft");
    CapturedRun reset = fleet.weft("host3", "reset");
    assertEquals(0, reset.exitCode(), reset.err());
    assertTrue(reset.out().contains("took relaunched off weft's Docker networks"), reset.out());
    assertLeavesNothing("host3");
    assertEquals("true", docker.ok("host3", "inspect", "-f", "{{.State.Running}}", "relaunched"),
        "reset stops no container");
    String links = HostProcess.of("ip", "netns", "exec", "host3", "ip", "-o", "link").run();
    assertFalse(links.contains("vethwd"), "an endpoint's veth was left: " + links);
    docker.ok("host3", "rm", "-f", "relaunched");
    CapturedRun launch = fleet.weft("host3", "launch");
    assertEquals(0, launch.exitCode(), launch.err());
  }

  @Test
  @Order(13)
  void containersOnWeftAreBackAndReachableSoonAfterTheirEngineAnswers() {
    docker.ok("host2", "run", "-d", "--name", "keep", "--restart", "always", "--net=weft", "--ip", "10.32.77.7",
        DebianBase.IMAGE, "sleep", "infinity");
    CapturedRun run = fleet.weft("host2", "run", "10.32.77.8/12", "--restart=always", "--name", "wkeep",
        DebianBase.IMAGE, "sleep", "infinity");
    assertEquals(0, run.exitCode(), run.err());
    for (String address : List.of("10.32.77.7", "10.32.77.8")) {
      Await.until("p1 reaches " + address, BOUND, () -> fleet.ping("host1", "p1", address, 0.5));
    }
    for (boolean engineAlone : new boolean[] {false, true}) {
      String what = engineAlone ? "its engine restarted" : "a power cut";
      if (engineAlone) {
        fleet.sandbox.restartEngine("host2");
      } else {
        fleet.sandbox.restart("host2");
      }
      Duration back = Await.until("keep and wkeep back on weft after " + what, Duration.ofSeconds(120),
          () -> fleet.ping("host1", "p1", "10.32.77.7", 0.5) && fleet.ping("host1", "p1", "10.32.77.8", 0.5));
      System.out.println("FIGURE after " + what + ", --restart containers on weft (docker run --net=weft, weft run) "
          + "reachable " + back.toMillis() + " ms after host2's engine answered");
      assertTrue(back.compareTo(Duration.ofSeconds(10)) <= 0, "back after " + back.toMillis() + " ms");
      assertEquals("true true", docker.ok("host2", "inspect", "-f", "{{.State.Running}}", "keep") + " "
          + docker.ok("host2", "inspect", "-f", "{{.State.Running}}", "wkeep"));
      assertTrue(Files.exists(pluginSocket("host2")));
    }
  }

  /** No plugin, no network of weft's driver, no socket: what weft stop and reset leave. */
  private static void assertLeavesNothing(String host) {
    assertEquals("", docker.ok(host, "plugin", "ls", "--format", "{{.Name}}"), "a plugin was left");
    assertEquals("", docker.ok(host, "network", "ls", "--filter", "driver=weft", "--format", "{{.Name}}"),
        "a network was left");
    assertFalse(Files.exists(pluginSocket(host)), "the plugin's socket was left");
    DockerCli.Timed gone = docker.run(host, "run", "--rm", "--net=weft", DebianBase.IMAGE, "true");
    assertTrue(gone.err().contains("network weft not found"), gone.err());
  }

  private static void refused(String host, String expected, String... args) {
    DockerCli.Timed run = docker.run(host, args);
    assertNotEquals(0, run.exitCode(), "docker " + String.join(" ", args) + " was not refused");
    assertTrue(run.err().contains(expected), run.err());
  }

  /** The host ends of Docker endpoints' interfaces on {@code host}. */
  private static int hostEnds(String host) {
    String links = HostProcess.of("ip", "netns", "exec", host, "ip", "-o", "link").run();
    return (int) links.lines().filter(l -> l.contains("vethwdl")).count();
  }

  private static String psOf(String host) {
    CapturedRun ps = fleet.weft(host, "ps");
    assertEquals(0, ps.exitCode(), ps.err());
    return ps.out();
  }

  private static Path pluginSocket(String host) {
    return fleet.sandbox.host(host).runDir().resolve("docker/plugins/weft.sock");
  }
}
