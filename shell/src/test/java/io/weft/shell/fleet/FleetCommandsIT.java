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
import io.weft.docker.engine.ContainerExec;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.cli.QuickPath;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxHosts;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commands across a launched fleet of three sandbox hosts, given through one host's Docker API:
 * targeting, the fleet-wide address record, concurrent allocation, and bad messages.
 */
class FleetCommandsIT {

  private static Sandbox sandbox;
  private static List<SandboxHost> hosts;
  /** How long another host may take to follow a change of the fleet's address record. */
  private static final Duration ENTRIES_BOUND = Duration.ofSeconds(10);
  private static final Map<String, DockerClient> engines = new ConcurrentHashMap<>();

  @BeforeAll
  static void launchTheFleet() {
    sandbox = SandboxHosts.up(3);
    hosts = sandbox.hosts();
    hosts.forEach(h -> engines.put(h.name(), DockerClients.forHost(h.dockerHost())));
    assertOk(on(hosts.get(0), "launch"));
    String password = PasswordFiles.ofAgentOn(hosts.get(0).dockerHost()).toString();
    assertOk(on(hosts.get(1), "launch", "--password-file", password, hosts.get(0).address()));
    assertOk(on(hosts.get(2), "launch", "--password-file", password, hosts.get(1).address()));
  }

  @AfterAll
  static void down() throws Exception {
    for (DockerClient engine : engines.values()) {
      engine.close();
    }
    SandboxHosts.down(sandbox);
  }

  @Test
  void aCommandGivenOnHost1IsCarriedOutOnHost3() {
    String id = container("host3");
    assertOk(on(hosts.get(0), "--host", "host3", "attach", "10.32.7.3/12", id));
    assertEquals(List.of("10.32.7.3/12"), ethwe("host3", id));

    CapturedRun ps = on(hosts.get(0), "--host", "all", "ps");
    assertOk(ps);
    assertTrue(ps.out().startsWith("HOST "), ps.out());
    assertTrue(ps.out().lines().anyMatch(line -> line.matches("host3 +" + id.substring(0, 12) + " .*")),
        ps.out());

    CapturedRun unknown = on(hosts.get(0), "--host", "host9", "ps");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.failedWithOneLine("no host named 'host9'"), unknown.err());
  }

  @Test
  void anExplicitAddressIsClaimedFleetWide() {
    String onHost3 = container("host3");
    String onHost1 = container("host1");
    assertOk(on(hosts.get(2), "attach", "10.32.7.9/12", onHost3));
    CapturedRun taken = on(hosts.get(0), "attach", "10.32.7.9/12", onHost1);
    assertEquals(1, taken.exitCode());
    assertTrue(taken.failedWithOneLine("10.32.7.9 is held by container " + onHost3.substring(0, 12)
        + " on host3"), taken.err());
    assertEquals(List.of(), ethweOrNone("host1", onHost1));

    // Freed when its container goes away: the agent on host3 watches Docker's events.
    engines.get("host3").removeContainerCmd(onHost3).withForce(true).exec();
    Await.until("10.32.7.9 freed after its container was removed", Duration.ofSeconds(20),
        () -> on(hosts.get(0), "attach", "10.32.7.9/12", onHost1).exitCode() == 0);
    assertEquals(List.of("10.32.7.9/12"), ethwe("host1", onHost1));
  }

  @Test
  void twentyConcurrentAutomaticAttachesOnEachHostGiveSixtyDistinctAddresses() throws Exception {
    List<String[]> targets = new ArrayList<>();
    for (SandboxHost host : hosts) {
      for (int i = 0; i < 20; i++) {
        targets.add(new String[] {host.name(), container(host.name())});
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(30);
    try {
      List<Future<JsonObject>> replies = new ArrayList<>();
      for (String[] target : targets) {
        replies.add(pool.submit(() -> new RawApi(engines.get(target[0])).command(new JsonObject()
            .put("command", new JsonObject().put("verb", "attach").put("cidrs", new JsonArray())
                .put("container", target[1])))));
      }
      Set<String> addresses = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        JsonObject reply = replies.get(i).get().getJsonArray("replies").getJsonObject(0);
        assertTrue(reply.getBoolean("ok"), reply.encode());
        List<String> kernel = ethwe(targets.get(i)[0], targets.get(i)[1]);
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
    assertTrue(ping("host1", pair.a(), pair.addressOfB()), "host1 -> host3 over weft");
    assertTrue(ping("host3", pair.b(), pair.addressOfA()), "host3 -> host1 over weft");
  }

  /** A container on host1 and one on host3, attached with automatic addresses. */
  private record Pair(String a, String b, String addressOfA, String addressOfB) {
    static Pair attached() {
      String a = container("host1");
      String b = container("host3");
      assertOk(on(hosts.get(0), "attach", a));
      assertOk(on(hosts.get(2), "attach", b));
      return new Pair(a, b, ethwe("host1", a).get(0).split("/")[0], ethwe("host3", b).get(0).split("/")[0]);
    }
  }

  @Test
  void framesBetweenTwoHostsGoToThoseHostsAloneAndArpIsAnsweredLocally() {
    Pair pair = Pair.attached();
    String a = pair.a();
    String b = pair.b();
    String addressOfB = pair.addressOfB();
    String macOfB = ethweMac("host3", b);
    String host3 = hosts.get(2).address();
    Await.until("host1 sends " + macOfB + " to host3", ENTRIES_BOUND,
        () -> host3.equals(Fdb.macTargets("host1").get(macOfB)));
    Await.until("host1 answers ARP for " + addressOfB, ENTRIES_BOUND,
        () -> macOfB.equals(Fdb.neighbours("host1").get(addressOfB)));
    assertFalse(Fdb.macTargets("host1").containsKey(ethweMac("host1", a)), "no entry for a local MAC");

    long host2Before = Fdb.receivedPackets("host2");
    int pings = 2000;
    ProcessResult run = HostProcess.of("nsenter", "--net=/proc/" + pid("host1", a) + "/ns/net",
        "ping", "-q", "-c", String.valueOf(pings), "-i", "0.002", "-W", "2", addressOfB).runAllowingFailure();
    assertEquals(0, run.exitCode(), run.stdout());
    long host2Got = Fdb.receivedPackets("host2") - host2Before;
    System.out.println("FIGURE host2's VXLAN device received " + host2Got + " packets during "
        + pings + " pings between host1 and host3");
    // flooded, host2 would get every request and reply, 4000 packets; the new interfaces' own
    // IPv6 multicasts (router solicitations, MLD) still go to every host: some tens
    assertTrue(host2Got < pings / 10, "host2's VXLAN device received " + host2Got + " packets");
  }

  @Test
  void theShellRunsTypedLinesOnAnyHostThroughOneSession() {
    CapturedRun run = OnHost.typed(sandbox, "host1", String.join("\n",
        "status --host host3",
        "frobnicate",
        "ps --host host9",
        "attach 10.32.1.300/12 web",
        "peers",
        "exit",
        "status") + "\n", "shell");
    assertOk(run);
    assertTrue(run.out().contains("weft " + WeftVersion.get() + " on host3"), run.out());
    assertFalse(run.out().contains(" on host1"), "nothing after exit runs: " + run.out());
    assertEquals(3, run.out().lines().filter(l -> l.matches("host[123] +172\\.29\\.0\\.1[123] .*")).count(),
        run.out());
    List<String> errors = run.err().lines().toList();
    assertEquals(3, errors.size(), run.err());
    assertTrue(errors.get(0).contains("unknown command 'frobnicate'"), run.err());
    assertTrue(errors.get(1).contains("host9"), run.err());
    assertTrue(errors.get(2).contains("'10.32.1.300' is not an IPv4 address"), run.err());
  }

  @Test
  void aContainerKeepsItsAddressAcrossRestartsUntilItIsRemoved() {
    DockerClient host2 = engines.get("host2");
    String id = container("host2");
    assertOk(on(hosts.get(1), "attach", id));
    String address = ethwe("host2", id).get(0);

    host2.restartContainerCmd(id).withTimeout(0).exec(); // a new process, a new namespace
    Await.until(id + " has " + address + " again", ENTRIES_BOUND,
        () -> ethweOrNone("host2", id).equals(List.of(address)));

    host2.stopContainerCmd(id).withTimeout(0).exec();
    String other = container("host1");
    CapturedRun taken = on(hosts.get(0), "attach", address, other);
    assertEquals(1, taken.exitCode(), taken.err());
    assertTrue(taken.failedWithOneLine("is held by"), taken.err());

    host2.removeContainerCmd(id).exec();
    Await.until(address + " free once " + id + " is removed", ENTRIES_BOUND,
        () -> on(hosts.get(0), "attach", address, other).exitCode() == 0);
  }

  @Test
  void badMessagesGetCodedErrorsAndTheAgentKeepsServing() {
    RawApi gateway = new RawApi(engines.get("host1"));
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
    assertEquals(3, replies.size(), replies.encode());
    replies.forEach(r -> assertTrue(((JsonObject) r).getBoolean("ok"), r.toString()));
  }

  @Test
  void eachAgentServesPrometheusMetricsOnItsLoopbackAndThroughTheDockerApi() throws Exception {
    String id = container("host2");
    assertOk(on(hosts.get(1), "attach", id));
    String text = ContainerExec.run(engines.get("host2"), "weft", "weft-call", "--metrics").stdout();
    assertTrue(text.contains("weft_commands_seconds_count{host=\"host2\",result=\"ok\",verb=\"attach\"}"),
        text);
    assertTrue(text.contains("weft_peers{host=\"host2\"} 3.0"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("weft_allocations_total{host=\"host2\"}")), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("weft_tls_refused_total{host=\"host2\"}")), text);
    // nothing on the underlay: every port open to the network asks for the fleet's certificate
    try (Socket underlay = new Socket()) {
      assertThrows(ConnectException.class,
          () -> underlay.connect(new InetSocketAddress(hosts.get(1).address(), 6782), 2000));
    }
  }

  @Test
  void thePeerTableShowsEachHostsTunnelEndpointAndHealth() {
    for (SandboxHost host : hosts) {
      JsonObject peer = peer("host1", host.name());
      JsonObject device = new JsonArray(HostProcess.of("ip", "-n", host.name(), "-d", "-j", "link", "show",
          "dev", "vxlan-weft").run()).getJsonObject(0);
      JsonObject vxlan = device.getJsonObject("linkinfo").getJsonObject("info_data");
      assertEquals(new JsonObject().put("mac", device.getString("address")).put("vni", vxlan.getInteger("id"))
          .put("port", vxlan.getInteger("port")), peer.getJsonObject("vtep"), host.name());
      assertEquals("ok", peer.getString("health"), host.name());
    }

    HostProcess.of("ip", "-n", "host2", "link", "set", "weft", "down").run();
    try {
      Await.until("host1 sees host2's bridge down", ENTRIES_BOUND,
          () -> "degraded: bridge weft is down".equals(peer("host1", "host2").getString("health")));
      CapturedRun table = on(hosts.get(0), "peers");
      assertTrue(table.out().lines().anyMatch(l -> l.startsWith("host2 ")
          && l.contains("degraded: bridge weft is down")), table.out());
    } finally {
      HostProcess.of("ip", "-n", "host2", "link", "set", "weft", "up").run();
    }
    Await.until("host1 sees host2 healthy again", ENTRIES_BOUND,
        () -> "ok".equals(peer("host1", "host2").getString("health")));
  }

  /** {@code name}'s entry in the peer table {@code viewer} shows. */
  private static JsonObject peer(String viewer, String name) {
    CapturedRun run = OnHost.weft(sandbox, viewer, "peers", "--json");
    assertOk(run);
    return new JsonObject(run.out()).getJsonArray("peers").stream().map(p -> (JsonObject) p)
        .filter(p -> name.equals(p.getString("name"))).findFirst().orElseThrow();
  }

  @Test
  void theQuickPathAndTheFullRoadGiveTheSameAnswers() {
    String id = container("host3");
    assertOk(on(hosts.get(0), "--host", "host3", "attach", "10.32.7.20/12", id));
    assertEquals(List.of("10.32.7.20/12"), ethwe("host3", id));
    for (List<String> command : List.of(
        List.of("--host", "host3", "ps", "--json"),
        List.of("--host", "all", "status"),
        List.of("--host", "host3", "attach", "10.32.7.21/12", "no-such-container"),
        List.of("--host", "host1", "attach", "10.32.7.20/12", container("host1")),
        List.of("--host", "host9", "ps"),
        List.of("attach", "10.32.7.300/12", id))) {
      String[] args = command.toArray(String[]::new);
      CapturedRun quick = on(hosts.get(0), args);
      System.setProperty(QuickPath.ENABLED_PROPERTY, "false");
      CapturedRun full;
      try {
        full = on(hosts.get(0), args);
      } finally {
        System.clearProperty(QuickPath.ENABLED_PROPERTY);
      }
      assertEquals(full.exitCode(), quick.exitCode(), command + ": " + quick.err() + full.err());
      assertEquals(full.err(), quick.err(), command.toString());
      assertEquals(full.out(), quick.out(), command.toString());
    }
    assertOk(on(hosts.get(0), "--host", "host3", "detach", id));
    assertEquals(List.of(), ethweOrNone("host3", id));
  }

  @Test
  void theCommandLineTakesTheQuickPathWithoutPicocliOrDockerJava() {
    String out = HostProcess.of(Path.of(System.getProperty("weft.home"), "weft").toString(),
            "status", "--json")
        .withEnvironment("DOCKER_HOST", hosts.get(1).dockerHost())
        .withEnvironment("WEFT_JAVA_OPTS", "-Xlog:class+load=info:stderr")
        .runAllowingFailure().stderr();
    assertTrue(out.contains("io.weft.docker.thin.ThinExec "), "the quick path was not taken");
    assertFalse(out.contains("picocli."), "picocli was loaded");
    assertFalse(out.contains("com.github.dockerjava."), "docker-java was loaded");
    assertFalse(out.contains("com.fasterxml.jackson.databind."), "jackson-databind was loaded");
  }

  private static CapturedRun on(SandboxHost host, String... args) {
    return OnHost.weft(sandbox, host.name(), args);
  }

  private static String container(String host) {
    DockerClient engine = engines.get(host);
    String id = engine.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
    engine.startContainerCmd(id).exec();
    return id;
  }

  private static int pid(String host, String id) {
    return engines.get(host).inspectContainerCmd(id).exec().getState().getPidLong().intValue();
  }

  private static List<String> ethwe(String host, String id) {
    List<String> addresses = ethweOrNone(host, id);
    assertFalse(addresses.isEmpty(), id + " on " + host + " has no ethwe address");
    return addresses;
  }

  /** ethwe's IPv4 addresses read by iproute2 inside the container's namespace; none if no ethwe. */
  private static List<String> ethweOrNone(String host, String id) {
    ProcessResult out = HostProcess.of("nsenter", "--net=/proc/" + pid(host, id) + "/ns/net",
        "ip", "-j", "addr", "show", "dev", "ethwe").runAllowingFailure();
    if (out.exitCode() != 0) {
      return List.of();
    }
    return new JsonArray(out.stdout()).getJsonObject(0).getJsonArray("addr_info").stream()
        .map(a -> (JsonObject) a)
        .filter(a -> "inet".equals(a.getString("family")))
        .map(a -> a.getString("local") + "/" + a.getInteger("prefixlen"))
        .toList();
  }

  private static String ethweMac(String host, String id) {
    String out = HostProcess.of("nsenter", "--net=/proc/" + pid(host, id) + "/ns/net",
        "ip", "-j", "link", "show", "dev", "ethwe").run();
    return new JsonArray(out).getJsonObject(0).getString("address");
  }

  private static boolean ping(String host, String id, String address) {
    return HostProcess.of("nsenter", "--net=/proc/" + pid(host, id) + "/ns/net",
        "ping", "-c", "1", "-W", "2", address).runAllowingFailure().exitCode() == 0;
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.out() + run.err());
  }
}
