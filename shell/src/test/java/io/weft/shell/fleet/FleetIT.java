package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.vertx.core.json.JsonObject;
import io.weft.common.agent.FleetPassword;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet on three sandbox hosts, driven through each host's Docker API: launch (the third
 * host knowing only the second), one peer table everywhere, the fleet password kept out of sight,
 * containers on two hosts reaching each other over weft, forwarding entries that follow the
 * fleet, launch's refusals (a wrong password among them), a host that crashes and boots
 * again, the fleet's salt learned from the peer a host joins, and a weak password refused unless
 * forced. The tests
 * build on each other, in order. Checks use iproute2 and ping, not weft.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

  private static final Duration FLEET_BOUND = Duration.ofSeconds(20);
  private static final FleetPassword PASSWORD = FleetPassword.generate();
  private static Sandbox sandbox;
  private static Path passwordFile;

  @BeforeAll
  static void up() {
    sandbox = SandboxHosts.up(3);
    passwordFile = PasswordFiles.temporary(PASSWORD);
  }

  @AfterAll
  static void down() {
    SandboxHosts.down(sandbox);
  }

  @Test
  @Order(1)
  void launchRefusesARangeOnTheUnderlayAndLeavesNoContainer() {
    CapturedRun run = launch("host3", "--range", "172.29.0.0/16");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("overlaps the hosts' own network"), run.err());
    assertFalse(hasAgentContainer("host3"));
  }

  @Test
  @Order(2)
  void launchRefusesAPeerThatDoesNotResolve() {
    CapturedRun run = launch("host3", "no-such-host");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("cannot resolve peer 'no-such-host'"), run.err());
    assertFalse(hasAgentContainer("host3"));
    assertEquals(2, launch("host3", "not_a/peer").exitCode());
  }

  @Test
  @Order(3)
  void launchWithOnlyUnreachablePeersSaysSoAndTheAgentKeepsTrying() {
    CapturedRun run = launch("host3", "172.29.0.99");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("reached none of its peers (172.29.0.99)"), run.err());
    assertEquals(0, weft("host3", "stop").exitCode());
    removeAgentContainer("host3");
  }

  @Test
  @Order(4)
  void aRangeTooSmallIsRefusedAndAFullRangeGivesACodedErrorLeavingNothing() throws Exception {
    CapturedRun none = launch("host3", "--range", "10.40.0.0/31");
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.failedWithOneLine("holds no addresses"), none.err());
    assertFalse(hasAgentContainer("host3"));

    assertOk(launch("host3", "--range", "10.40.0.0/30")); // two addresses: .1 and .2
    try {
      String a = container("host3");
      String b = container("host3");
      String c = container("host3");
      assertOk(weft("host3", "attach", a));
      assertOk(weft("host3", "attach", b));
      CapturedRun full = weft("host3", "attach", c);
      assertEquals(1, full.exitCode(), full.err());
      assertTrue(full.failedWithOneLine("no free address left in 10.40.0.0/30"), full.err());
      assertEquals(1, HostProcess.of("ip", "-n", "host3", "link", "show", "vethwepl" + containerPid("host3", c))
          .runAllowingFailure().exitCode(), "no half-made veth for the container refused");
      try (DockerClient docker = docker("host3")) {
        docker.removeContainerCmd(a).withForce(true).exec();
      }
      // the freed address is handed out again once the agent has seen the container go
      Await.until("10.40.0.1 free again", FLEET_BOUND, () -> weft("host3", "attach", c).exitCode() == 0);
    } finally {
      assertOk(weft("host3", "stop"));
      removeAgentContainer("host3");
    }
  }

  @Test
  @Order(5)
  void threeHostsFormOneFleet() {
    long t1 = System.nanoTime();
    assertOk(launch("host1"));
    System.out.println("FIGURE launch to ready, first host: " + (System.nanoTime() - t1) / 1_000_000 + " ms");
    assertOk(launch("host2", address("host1")));
    long t3 = System.nanoTime();
    CapturedRun third = launch("host3", address("host2"));
    System.out.println("FIGURE launch to ready, third host: " + (System.nanoTime() - t3) / 1_000_000 + " ms");
    assertOk(third);
    assertTrue(third.out().contains("in a cluster of 3"), third.out());

    for (String host : List.of("host1", "host2", "host3")) {
      Await.until(host + " lists three peers", FLEET_BOUND,
          () -> peerNames(host).equals(Set.of("host1", "host2", "host3")));
      Await.until(host + " floods to the two others", FLEET_BOUND,
          () -> Fdb.floodTargets(host).equals(othersThan(host)));
    }
    System.out.println("FIGURE agent resident memory: " + residentKb("host1") + " kB");
  }

  @Test
  @Order(6)
  void thePasswordIsKeptInTheStateVolumeAloneAndTheAgentRunsWithFewPrivileges() {
    for (String host : List.of("host1", "host2", "host3")) {
      String dockerHost = sandbox.host(host).dockerHost();
      for (String[] look : new String[][] {{"inspect", "weft"}, {"image", "inspect", "weft/agent:latest"},
          {"logs", "weft"}, {"volume", "inspect", "weft-state"}}) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost));
        command.addAll(List.of(look));
        ProcessResult shown = HostProcess.of(command.toArray(String[]::new)).runAllowingFailure();
        assertFalse((shown.stdout() + shown.stderr()).contains(PASSWORD.reveal()),
            host + ": docker " + String.join(" ", look) + " shows the password");
      }
      CapturedRun shown = weft(host, "password");
      assertOk(shown);
      assertEquals(PASSWORD.reveal(), shown.out().strip(), host);
      String mode = HostProcess.of("docker", "-H", dockerHost, "exec", "weft", "stat", "-c",
          "%a %U", "/var/lib/weft/fleet-password").run();
      assertEquals("600 root", mode.strip(), host);
      JsonObject limits = new JsonObject(HostProcess.of("docker", "-H", dockerHost, "inspect", "-f",
          "{{json .HostConfig}}", "weft").run());
      assertEquals("[\"ALL\"]", limits.getJsonArray("CapDrop").encode(), host);
      assertTrue(limits.getJsonArray("SecurityOpt").contains("no-new-privileges:true"), host);
      assertTrue(limits.getBoolean("ReadonlyRootfs"), host);
    }
  }

  @Test
  @Order(7)
  void containersOnTwoHostsReachEachOtherOverWeft() throws Exception {
    String a = container("host1");
    String c = container("host3");
    assertOk(weft("host1", "attach", "10.32.5.1/12", a));
    assertOk(weft("host3", "attach", "10.32.5.3/12", c));
    assertTrue(ping("host1", a, "10.32.5.3"), "host1's container reaches host3's");
    assertTrue(ping("host3", c, "10.32.5.1"), "host3's container reaches host1's");
  }

  @Test
  @Order(8)
  void launchingAgainIsHarmless() {
    CapturedRun again = launch("host1", address("host2"));
    assertOk(again);
    assertTrue(again.out().contains("already running") && again.out().contains("weft connect"),
        again.out());
    assertEquals(Set.of("host1", "host2", "host3"), peerNames("host1"));
  }

  @Test
  @Order(9)
  void aStoppedHostLeavesTheOthersForwardingEntries() {
    assertOk(weft("host3", "stop"));
    Duration dropped = Await.until("host1 drops host3", FLEET_BOUND,
        () -> !Fdb.floodTargets("host1").contains(address("host3")));
    Await.until("host2 drops host3", FLEET_BOUND,
        () -> !Fdb.floodTargets("host2").contains(address("host3")));
    System.out.println("FIGURE host3 dropped by host1 after weft stop: " + dropped.toMillis() + " ms");
    Await.until("host1's peers without host3", FLEET_BOUND,
        () -> peerNames("host1").equals(Set.of("host1", "host2")));

    assertOk(weft("host3", "stop"));
    removeAgentContainer("host3");
    CapturedRun none = weft("host3", "stop");
    assertEquals(1, none.exitCode());
    assertTrue(none.failedWithOneLine("weft is not running on this host"), none.err());
    CapturedRun peers = weft("host3", "peers");
    assertEquals(1, peers.exitCode());
    assertTrue(peers.failedWithOneLine("weft is not running on this host"), peers.err());
  }

  @Test
  @Order(10)
  void aHostWithoutTheFleetsPasswordIsRefusedAndLeavesNothing() throws Exception {
    HostProcess.of("docker", "-H", sandbox.host("host3").dockerHost(), "volume", "rm", "weft-state").run();
    CapturedRun none = weft("host3", "launch", address("host2"));
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.failedWithOneLine("joining a fleet needs its password"), none.err());
    assertFalse(hasAgentContainer("host3"));

    Path wrong = PasswordFiles.temporary(FleetPassword.generate());
    long start = System.nanoTime();
    CapturedRun refused = weft("host3", "launch", "--password-file", wrong.toString(), address("host2"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("FIGURE launch with a wrong password refused after " + millis + " ms");
    assertEquals(1, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("refused this host"), refused.err());
    assertTrue(millis < 30_000, millis + " ms");
    assertFalse(hasAgentContainer("host3"));
    assertEquals(1, HostProcess.of("docker", "-H", sandbox.host("host3").dockerHost(), "volume",
        "inspect", "weft-state").runAllowingFailure().exitCode(), "the new state volume is removed");
    assertEquals(Set.of("host1", "host2"), peerNames("host1"));
    assertEquals(Set.of("host1", "host2"), peerNames("host2"));
  }

  @Test
  @Order(11)
  void aKilledAgentIsDroppedTooAndComesBack() throws Exception {
    assertOk(launch("host3", address("host2")));
    Await.until("host1 floods to host3", FLEET_BOUND,
        () -> Fdb.floodTargets("host1").contains(address("host3")));
    long pid = agentPid("host3");
    HostProcess.of("kill", "-9", String.valueOf(pid)).run();
    Duration dropped = Await.until("host1 drops the killed host3", FLEET_BOUND,
        () -> !Fdb.floodTargets("host1").contains(address("host3")));
    System.out.println("FIGURE host3 dropped by host1 after kill -9: " + dropped.toMillis() + " ms");
    // restart policy unless-stopped: Docker starts it again, and it rejoins
    Await.until("host3 back in host1's peers", Duration.ofSeconds(40),
        () -> peerNames("host1").contains("host3"));
  }

  @Test
  @Order(12)
  void connectAndForgetEditTheAgentsPeerList() {
    assertOk(weft("host1", "connect", address("host3")));
    CapturedRun twice = weft("host1", "connect", address("host3"));
    assertOk(twice);
    assertTrue(twice.out().contains("connected already"), twice.out());
    assertOk(weft("host1", "forget", address("host3")));
    CapturedRun unknown = weft("host1", "forget", "172.29.0.77");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.failedWithOneLine("not a connected peer"), unknown.err());
  }

  @Test
  @Order(13)
  void aHostThatCrashesAndBootsAgainComesBackWhole() throws Exception {
    String survivor = container("host1");
    assertOk(weft("host1", "attach", "10.32.6.1/12", survivor));
    String victim;
    try (DockerClient docker = docker("host2")) {
      victim = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity")
          .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart()))
          .exec().getId();
      docker.startContainerCmd(victim).exec();
    }
    assertOk(weft("host2", "attach", "10.32.6.2/12", victim));
    assertTrue(ping("host1", survivor, "10.32.6.2"), "before the crash");

    sandbox.restart("host2"); // every process killed, links gone, the engine started afresh
    long booted = System.nanoTime();
    Await.until("host2 back in host1's peers", Duration.ofSeconds(60),
        () -> peerNames("host1").contains("host2"));
    Await.until("host1 floods to host2 again", FLEET_BOUND,
        () -> Fdb.floodTargets("host1").contains(address("host2")));
    try {
      Await.until("the container on host2 has 10.32.6.2 again", FLEET_BOUND,
          () -> reaches("host1", survivor, "10.32.6.2"));
    } catch (AssertionError e) {
      printRebootState();
      throw e;
    }
    System.out.println("FIGURE host2 whole again (peers, tunnels, its container's address) "
        + (System.nanoTime() - booted) / 1_000_000 + " ms after its engine answered");
    Await.until("host2 floods to the others", FLEET_BOUND,
        () -> Fdb.floodTargets("host2").equals(othersThan("host2")));
  }

  @Test
  @Order(14)
  void everyHostLearnedTheFleetsSaltFromThePeerItJoined() {
    String salt = stateFile("host1", "fleet-salt.json");
    assertTrue(salt.matches("(?s).*\"salt\" : \"weft-fleet-v2/[0-9a-f]{32}\".*"), salt);
    for (String host : List.of("host2", "host3")) {
      assertEquals(salt, stateFile(host, "fleet-salt.json"), host + " keeps host1's salt");
    }
    String host2 = HostProcess.of("docker", "-H", sandbox.host("host2").dockerHost(), "logs", "weft")
        .runAllowingFailure().stdout();
    assertTrue(host2.contains("learned the fleet's salt from " + address("host1")), host2);
  }

  @Test
  @Order(15)
  void aWeakPasswordGivenIsRefusedUnlessForced() throws Exception {
    assertOk(weft("host3", "stop"));
    removeAgentContainer("host3");
    HostProcess.of("docker", "-H", sandbox.host("host3").dockerHost(), "volume", "rm", "weft-state").run();
    Path weak = PasswordFiles.temporary(FleetPassword.of("weftfleet2026"));
    CapturedRun refused = weft("host3", "launch", "--password-file", weak.toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("the fleet password is too weak"), refused.err());
    assertFalse(refused.err().contains("weftfleet2026"));
    assertFalse(hasAgentContainer("host3"));
    CapturedRun forced = weft("host3", "launch", "--force", "--password-file", weak.toString());
    assertOk(forced);
    assertEquals("weftfleet2026", weft("host3", "password").out().strip());
    assertOk(weft("host3", "stop"));
    removeAgentContainer("host3");
  }

  /** A file of the agent's state volume, read through the Docker API. */
  private static String stateFile(String host, String name) {
    return HostProcess.of("docker", "-H", sandbox.host(host).dockerHost(), "exec", "weft", "cat",
        "/var/lib/weft/" + name).run();
  }

  /** What says which road a failed reboot took: host2's agent log and containers, host1's tunnel. */
  private static void printRebootState() {
    String host2 = sandbox.host("host2").dockerHost();
    ProcessResult log = HostProcess.of("docker", "-H", host2, "logs", "weft").runAllowingFailure();
    System.out.println("host2's agent log:\n" + log.stdout() + log.stderr());
    System.out.println("host2's containers:\n"
        + HostProcess.of("docker", "-H", host2, "ps", "-a").runAllowingFailure().stdout());
    System.out.println("host1's vxlan-weft entries:\n"
        + HostProcess.of("bridge", "-n", "host1", "fdb", "show", "dev", "vxlan-weft").runAllowingFailure().stdout()
        + HostProcess.of("ip", "-n", "host1", "neigh", "show", "dev", "vxlan-weft").runAllowingFailure().stdout());
  }

  private static CapturedRun weft(String host, String... args) {
    return OnHost.weft(sandbox, host, args);
  }

  /** {@code weft launch ARGS} with the fleet's password. */
  private static CapturedRun launch(String host, String... args) {
    List<String> words = new ArrayList<>(List.of("launch", "--password-file", passwordFile.toString()));
    words.addAll(List.of(args));
    return weft(host, words.toArray(String[]::new));
  }

  private static String address(String host) {
    return sandbox.host(host).address();
  }

  private static Set<String> othersThan(String host) {
    Set<String> others = new TreeSet<>();
    for (String h : List.of("host1", "host2", "host3")) {
      if (!h.equals(host)) {
        others.add(address(h));
      }
    }
    return others;
  }

  private static Set<String> peerNames(String host) {
    CapturedRun run = weft(host, "peers", "--json");
    Set<String> names = new TreeSet<>();
    if (run.exitCode() == 0) {
      new JsonObject(run.out()).getJsonArray("peers")
          .forEach(p -> names.add(((JsonObject) p).getString("name")));
    }
    return names;
  }

  private static DockerClient docker(String host) {
    return DockerClients.forHost(sandbox.host(host).dockerHost());
  }

  private static boolean hasAgentContainer(String host) {
    try (DockerClient docker = docker(host)) {
      docker.inspectContainerCmd("weft").exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void removeAgentContainer(String host) {
    try (DockerClient docker = docker(host)) {
      docker.removeContainerCmd("weft").withForce(true).exec();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long agentPid(String host) throws Exception {
    try (DockerClient docker = docker(host)) {
      return docker.inspectContainerCmd("weft").exec().getState().getPidLong();
    }
  }

  private static String residentKb(String host) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(agentPid(host)), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?")
          .replaceAll("[^0-9]", "");
    } catch (Exception e) {
      return "unknown (" + e + ")";
    }
  }

  private static String container(String host) throws Exception {
    try (DockerClient docker = docker(host)) {
      String id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
      docker.startContainerCmd(id).exec();
      return id;
    }
  }

  private static long containerPid(String host, String container) throws Exception {
    try (DockerClient docker = docker(host)) {
      return docker.inspectContainerCmd(container).exec().getState().getPidLong();
    }
  }

  /** {@link #ping}, false while the container cannot be looked at either. */
  private static boolean reaches(String host, String container, String address) {
    try {
      return ping(host, container, address);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean ping(String host, String container, String address) throws Exception {
    long pid;
    try (DockerClient docker = docker(host)) {
      pid = docker.inspectContainerCmd(container).exec().getState().getPidLong();
    }
    return HostProcess.of("nsenter", "--net=/proc/" + pid + "/ns/net", "ping", "-c", "1", "-W", "2",
        address).runAllowingFailure().exitCode() == 0;
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }
}
