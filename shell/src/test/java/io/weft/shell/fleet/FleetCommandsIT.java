package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.WeftVersion;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.QuickPath;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.SharedFleet;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commands across a launched fleet of three sandbox hosts, given through one host's Docker API:
 * targeting, the fleet-wide address record, concurrent allocation, and bad messages.
 */
@SharedFleet
class FleetCommandsIT {

  /** How long another host may take to follow a change of the fleet's address record. */
  private static final Duration ENTRIES_BOUND = Duration.ofSeconds(10);
  private static Fleet fleet;
  /** The host commands are given on, a bystander, and the host they are carried out on. */
  private static FleetHost first;
  private static FleetHost second;
  private static FleetHost third;

  @BeforeAll
  static void fleet(Fleet shared) {
    fleet = shared;
    first = fleet.host(0);
    second = fleet.host(1);
    third = fleet.host(2);
  }

  @Test
  void aCommandGivenOnHost1IsCarriedOutOnHost3() {
    String id = third.container();
    assertOk(first.weft("--host", third.name(), "attach", "10.32.7.3/12", id));
    assertEquals(List.of("10.32.7.3/12"), ethwe(third, id));

    CapturedRun ps = first.weft("--host", "all", "ps");
    assertOk(ps);
    assertTrue(ps.out().startsWith("HOST "), ps.out());
    assertTrue(ps.out().lines().anyMatch(line -> line.matches(third.name() + " +" + id.substring(0, 12) + " .*")),
        ps.out());

    CapturedRun unknown = first.weft("--host", "host9", "ps");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.failedWithOneLine("no host named 'host9'"), unknown.err());
  }

  @Test
  void anExplicitAddressIsClaimedFleetWide() {
    String onHost3 = third.container();
    String onHost1 = first.container();
    assertOk(third.weft("attach", "10.32.7.9/12", onHost3));
    CapturedRun taken = first.weft("attach", "10.32.7.9/12", onHost1);
    assertEquals(1, taken.exitCode());
    assertTrue(taken.failedWithOneLine("10.32.7.9 is held by container " + onHost3.substring(0, 12)
        + " on " + third.name()), taken.err());
    assertEquals(List.of(), first.ethwe(onHost1));

    // Freed when its container goes away: the agent on host3 watches Docker's events.
    third.engine().removeContainerCmd(onHost3).withForce(true).exec();
    Await.until("10.32.7.9 freed after its container was removed", Duration.ofSeconds(20),
        () -> first.weft("attach", "10.32.7.9/12", onHost1).exitCode() == 0);
    assertEquals(List.of("10.32.7.9/12"), ethwe(first, onHost1));
  }

  @Test
  void twentyConcurrentAutomaticAttachesOnEachHostGiveSixtyDistinctAddresses() throws Exception {
    record Target(FleetHost host, String container) {}
    ExecutorService pool = Executors.newFixedThreadPool(30);
    try {
      List<Future<Target>> made = new ArrayList<>();
      for (FleetHost host : fleet.hosts()) {
        for (int i = 0; i < 20; i++) {
          made.add(pool.submit(() -> new Target(host, host.container())));
        }
      }
      List<Target> targets = new ArrayList<>();
      for (Future<Target> target : made) {
        targets.add(target.get());
      }
      List<Future<JsonObject>> replies = new ArrayList<>();
      for (Target target : targets) {
        replies.add(pool.submit(() -> new RawApi(target.host().engine()).command(new JsonObject()
            .put("command", new JsonObject().put("verb", "attach").put("cidrs", new JsonArray())
                .put("container", target.container())))));
      }
      Set<String> addresses = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        JsonObject reply = replies.get(i).get().getJsonArray("replies").getJsonObject(0);
        assertTrue(reply.getBoolean("ok"), reply.encode());
        List<String> kernel = ethwe(targets.get(i).host(), targets.get(i).container());
        assertEquals(1, kernel.size(), kernel.toString());
        addresses.add(kernel.get(0));
      }
      assertEquals(60, addresses.size(), "distinct addresses: " + addresses);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void containersWithAutomaticAddressesOnHost1AndHost3ReachEachOther() {
    Pair pair = Pair.attached();
    assertTrue(first.ping(pair.a(), pair.addressOfB(), 2), first + " -> " + third + " over weft");
    assertTrue(third.ping(pair.b(), pair.addressOfA(), 2), third + " -> " + first + " over weft");
  }

  /** A container on the first host and one on the third, attached with automatic addresses. */
  private record Pair(String a, String b, String addressOfA, String addressOfB) {
    static Pair attached() {
      String a = first.container();
      String b = third.container();
      assertOk(first.weft("attach", a));
      assertOk(third.weft("attach", b));
      return new Pair(a, b, ethwe(first, a).get(0).split("/")[0], ethwe(third, b).get(0).split("/")[0]);
    }
  }

  @Test
  void framesBetweenTwoHostsGoToThoseHostsAloneAndArpIsAnsweredLocally() {
    Pair pair = Pair.attached();
    String a = pair.a();
    String b = pair.b();
    String addressOfB = pair.addressOfB();
    String macOfB = third.ethweMac(b);
    Await.until(first + " sends " + macOfB + " to " + third, ENTRIES_BOUND,
        () -> third.address().equals(Fdb.macTargets(first.netns()).get(macOfB)));
    Await.until(first + " answers ARP for " + addressOfB, ENTRIES_BOUND,
        () -> macOfB.equals(Fdb.neighbours(first.netns()).get(addressOfB)));
    assertFalse(Fdb.macTargets(first.netns()).containsKey(first.ethweMac(a)), "no entry for a local MAC");

    long host2Before = Fdb.receivedPackets(second.netns());
    int pings = 2000;
    ProcessResult run = first.inContainer(a, "ping", "-q", "-c", String.valueOf(pings), "-i", "0.002", "-W", "2",
        addressOfB).runAllowingFailure();
    assertEquals(0, run.exitCode(), run.stdout());
    long host2Got = Fdb.receivedPackets(second.netns()) - host2Before;
    System.out.println("FIGURE the bystander's VXLAN device received " + host2Got + " packets during "
        + pings + " pings between two other hosts");
    // flooded, the bystander would get every request and reply, 4000 packets; the new interfaces'
    // own IPv6 multicasts (router solicitations, MLD) still go to every host: some tens
    assertTrue(host2Got < pings / 10, second + "'s VXLAN device received " + host2Got + " packets");
  }

  @Test
  void theShellRunsTypedLinesOnAnyHostThroughOneSession() {
    CapturedRun run = first.typed(String.join("\n",
        "status --host " + third.name(),
        "frobnicate",
        "ps --host host9",
        "attach 10.32.1.300/12 web",
        "peers",
        "exit",
        "status") + "\n", "shell");
    assertOk(run);
    assertTrue(run.out().contains("weft " + WeftVersion.get() + " on " + third.name()), run.out());
    assertFalse(run.out().contains(" on " + first.name()), "nothing after exit runs: " + run.out());
    for (FleetHost host : fleet.hosts()) {
      assertTrue(run.out().lines().anyMatch(l -> l.startsWith(host.name() + " ") && l.contains(" " + host.address() + " ")),
          run.out());
    }
    List<String> errors = run.err().lines().toList();
    assertEquals(3, errors.size(), run.err());
    assertTrue(errors.get(0).contains("unknown command 'frobnicate'"), run.err());
    assertTrue(errors.get(1).contains("host9"), run.err());
    assertTrue(errors.get(2).contains("'10.32.1.300' is not an IPv4 address"), run.err());
  }

  @Test
  void aContainerKeepsItsAddressAcrossRestartsUntilItIsRemoved() {
    DockerClient host2 = second.engine();
    String id = second.container();
    assertOk(second.weft("attach", id));
    String address = ethwe(second, id).get(0);

    host2.restartContainerCmd(id).withTimeout(0).exec(); // a new process, a new namespace
    Await.until(id + " has " + address + " again", ENTRIES_BOUND,
        () -> second.ethwe(id).equals(List.of(address)));

    host2.stopContainerCmd(id).withTimeout(0).exec();
    String other = first.container();
    CapturedRun taken = first.weft("attach", address, other);
    assertEquals(1, taken.exitCode(), taken.err());
    assertTrue(taken.failedWithOneLine("is held by"), taken.err());

    host2.removeContainerCmd(id).exec();
    Await.until(address + " free once " + id + " is removed", ENTRIES_BOUND,
        () -> first.weft("attach", address, other).exitCode() == 0);
  }

  @Test
  void badMessagesGetCodedErrorsAndTheAgentKeepsServing() {
    RawApi gateway = new RawApi(first.engine());
    JsonObject noVerb = gateway.command(new JsonObject().put("command", new JsonObject()));
    assertEquals("BAD_REQUEST", noVerb.getJsonObject("error").getString("code"));
    JsonObject unknownVerb = gateway.command(new JsonObject().put("command",
        new JsonObject().put("verb", "fly")));
    assertEquals("BAD_REQUEST", unknownVerb.getJsonObject("error").getString("code"));
    JsonObject badCidr = gateway.command(new JsonObject().put("command", new JsonObject()
        .put("verb", "attach").put("cidrs", new JsonArray().add("10.32.1.300/12")).put("container", "x")));
    assertEquals("BAD_CIDR", badCidr.getJsonObject("error").getString("code"));
    JsonObject unknownHost = gateway.command(new JsonObject().put("target", "host9")
        .put("command", new JsonObject().put("verb", "ps")));
    assertEquals("NO_SUCH_HOST", unknownHost.getJsonArray("replies").getJsonObject(0)
        .getJsonObject("error").getString("code"));

    JsonObject status = gateway.command(new JsonObject().put("target", "all")
        .put("command", new JsonObject().put("verb", "status")));
    JsonArray replies = status.getJsonArray("replies");
    assertEquals(fleet.hosts().size(), replies.size(), replies.encode());
    replies.forEach(r -> assertTrue(((JsonObject) r).getBoolean("ok"), r.toString()));
  }

  @Test
  void eachAgentServesPrometheusMetricsOnItsLoopbackAndThroughTheDockerApi() throws Exception {
    String id = second.container();
    assertOk(second.weft("attach", id));
    String text = second.exec("weft", "weft-call", "--metrics").stdout();
    String host = "{host=\"" + second.name() + "\"";
    assertTrue(text.contains("weft_commands_seconds_count" + host + ",result=\"ok\",verb=\"attach\"}"), text);
    assertTrue(text.contains("weft_peers" + host + "} " + fleet.hosts().size() + ".0"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("weft_allocations_total" + host + "}")), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("weft_tls_refused_total" + host + "}")), text);
    // nothing on the underlay: every port open to the network asks for the fleet's certificate
    try (Socket underlay = new Socket()) {
      assertThrows(ConnectException.class,
          () -> underlay.connect(new InetSocketAddress(second.address(), 6782), 2000));
    }
  }

  @Test
  void thePeerTableShowsEachHostsTunnelEndpointAndHealth() {
    for (FleetHost host : fleet.hosts()) {
      JsonObject peer = peer(first, host.name());
      JsonObject device = new JsonArray(HostProcess.of("ip", "-n", host.netns(), "-d", "-j", "link", "show",
          "dev", "vxlan-weft").run()).getJsonObject(0);
      JsonObject vxlan = device.getJsonObject("linkinfo").getJsonObject("info_data");
      assertEquals(new JsonObject().put("mac", device.getString("address")).put("vni", vxlan.getInteger("id"))
          .put("port", vxlan.getInteger("port")), peer.getJsonObject("vtep"), host.name());
      assertEquals("ok", peer.getString("health"), host.name());
    }

    HostProcess.of("ip", "-n", second.netns(), "link", "set", "weft", "down").run();
    try {
      Await.until(first + " sees " + second + "'s bridge down", ENTRIES_BOUND,
          () -> "degraded: bridge weft is down".equals(peer(first, second.name()).getString("health")));
      CapturedRun table = first.weft("peers");
      assertTrue(table.out().lines().anyMatch(l -> l.startsWith(second.name() + " ")
          && l.contains("degraded: bridge weft is down")), table.out());
    } finally {
      HostProcess.of("ip", "-n", second.netns(), "link", "set", "weft", "up").run();
    }
    Await.until(first + " sees " + second + " healthy again", ENTRIES_BOUND,
        () -> "ok".equals(peer(first, second.name()).getString("health")));
  }

  /** {@code name}'s entry in the peer table {@code viewer} shows. */
  private static JsonObject peer(FleetHost viewer, String name) {
    CapturedRun run = viewer.weft("peers", "--json");
    assertOk(run);
    return new JsonObject(run.out()).getJsonArray("peers").stream().map(p -> (JsonObject) p)
        .filter(p -> name.equals(p.getString("name"))).findFirst().orElseThrow();
  }

  @Test
  void theQuickPathAndTheFullRoadGiveTheSameAnswers() {
    String id = third.container();
    assertOk(first.weft("--host", third.name(), "attach", "10.32.7.20/12", id));
    assertEquals(List.of("10.32.7.20/12"), ethwe(third, id));
    for (List<String> command : List.of(
        List.of("--host", third.name(), "ps", "--json"),
        List.of("--host", "all", "status"),
        List.of("--host", third.name(), "attach", "10.32.7.21/12", "no-such-container"),
        List.of("--host", first.name(), "attach", "10.32.7.20/12", first.container()),
        List.of("--host", "host9", "ps"),
        List.of("attach", "10.32.7.300/12", id))) {
      String[] args = command.toArray(String[]::new);
      CapturedRun quick = first.weft(args);
      System.setProperty(QuickPath.ENABLED_PROPERTY, "false");
      CapturedRun full;
      try {
        full = first.weft(args);
      } finally {
        System.clearProperty(QuickPath.ENABLED_PROPERTY);
      }
      assertEquals(full.exitCode(), quick.exitCode(), command + ": " + quick.err() + full.err());
      assertEquals(full.err(), quick.err(), command.toString());
      assertEquals(full.out(), quick.out(), command.toString());
      // the weft script's own quick path: the machine's docker CLI, the agent reading the words
      ProcessResult script = weftScript(first, args).runAllowingFailure();
      assertEquals(full.exitCode(), script.exitCode(), command + ": " + script.stderr() + full.err());
      assertEquals(full.err(), script.stderr(), command.toString());
      assertEquals(full.out(), script.stdout(), command.toString());
    }
    assertOk(first.weft("--host", third.name(), "detach", id));
    assertEquals(List.of(), third.ethwe(id));
  }

  @Test
  void theCommandLineTakesTheQuickPathWithoutPicocliOrDockerJava() throws Exception {
    // with the docker CLI, no JVM starts: the agent answers the words
    ProcessResult noJvm = weftScript(second, "status", "--json")
        .withEnvironment("WEFT_JAVA_OPTS", "-Xlog:class+load=info:stderr").runAllowingFailure();
    assertEquals(0, noJvm.exitCode(), noJvm.stderr());
    assertEquals(second.name(), new JsonObject(noJvm.stdout()).getString("host"), noJvm.stdout());
    assertEquals("", noJvm.stderr(), "a JVM started");
    // without it, the JVM's short road
    String out = weftScript(second, "status", "--json")
        .withEnvironment("PATH", pathWithoutDocker().toString())
        .withEnvironment("WEFT_JAVA_OPTS", "-Xlog:class+load=info:stderr")
        .runAllowingFailure().stderr();
    assertTrue(out.contains("io.weft.docker.thin.ThinExec "), "the quick path was not taken");
    assertFalse(out.contains("picocli."), "picocli was loaded");
    assertFalse(out.contains("com.github.dockerjava."), "docker-java was loaded");
    assertFalse(out.contains("com.fasterxml.jackson.databind."), "jackson-databind was loaded");
  }

  /** The tree's weft script, as a user runs it, with {@code host}'s engine in DOCKER_HOST. */
  private static HostProcess weftScript(FleetHost host, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("weft.home"), "weft").toString()));
    command.addAll(List.of(args));
    return HostProcess.of(command.toArray(String[]::new)).withEnvironment("DOCKER_HOST", host.dockerHost());
  }

  /** A PATH with what the weft script needs but no docker: a machine without the docker CLI. */
  private static Path pathWithoutDocker() throws IOException {
    Path dir = Files.createTempDirectory("weft-no-docker");
    dir.toFile().deleteOnExit();
    for (String program : List.of("java", "bash", "env", "find", "readlink", "dirname", "mv")) {
      for (String folder : System.getenv("PATH").split(":")) {
        Path found = Path.of(folder, program);
        if (Files.isExecutable(found)) {
          Path link = dir.resolve(program);
          Files.createSymbolicLink(link, found.toRealPath());
          link.toFile().deleteOnExit();
          break;
        }
      }
    }
    return dir;
  }

  /** ethwe's addresses; fails when it has none. */
  private static List<String> ethwe(FleetHost host, String id) {
    List<String> addresses = host.ethwe(id);
    assertFalse(addresses.isEmpty(), id + " on " + host + " has no ethwe address");
    return addresses;
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.out() + run.err());
  }
}
