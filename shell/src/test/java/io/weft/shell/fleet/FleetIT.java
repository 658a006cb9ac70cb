package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.vertx.core.json.JsonObject;
import io.weft.common.agent.FleetPassword;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The fleet on three sandbox hosts, driven through each host's Docker API: launch (the third
 * host knowing only the second), one peer table everywhere, the fleet password kept out of sight,
 * containers on two hosts reaching each other over weft, forwarding entries that follow the
 * fleet, launch's refusals (a wrong password among them), a host that crashes and boots
 * again, the fleet's salt learned from the peer a host joins, and a weak password refused unless
 * forced. The tests
 * build on each other, in order. Checks use iproute2 and ping, not weft.
 */
@OwnHosts(hosts = 3)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

  private static final Duration FLEET_BOUND = Duration.ofSeconds(20);
  private static final FleetPassword PASSWORD = FleetPassword.generate();
  private static Fleet fleet;
  /** The host that founds the fleet, the one that joins it, and the one launched last. */
  private static FleetHost first;
  private static FleetHost second;
  private static FleetHost third;
  private static Path passwordFile;

  @BeforeAll
  static void up(Fleet own) {
    fleet = own;
    first = fleet.host(0);
    second = fleet.host(1);
    third = fleet.host(2);
    passwordFile = PasswordFiles.temporary(PASSWORD);
  }

  @Test
  @Order(1)
  void launchRefusesARangeOnTheUnderlayAndLeavesNoContainer() {
    CapturedRun run = launch(third, "--range", "172.29.0.0/16");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("overlaps the hosts' own network"), run.err());
    assertFalse(third.hasAgentContainer());
  }

  @Test
  @Order(2)
  void launchRefusesAPeerThatDoesNotResolve() {
    CapturedRun run = launch(third, "no-such-host");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("cannot resolve peer 'no-such-host'"), run.err());
    assertFalse(third.hasAgentContainer());
    assertEquals(2, launch(third, "not_a/peer").exitCode());
  }

  @Test
  @Order(3)
  void launchWithOnlyUnreachablePeersSaysSoAndTheAgentKeepsTrying() {
    CapturedRun run = launch(third, "172.29.0.99");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("reached none of its peers (172.29.0.99)"), run.err());
    assertEquals(0, third.weft("stop").exitCode());
    third.removeAgentContainer();
  }

  @Test
  @Order(4)
  void aRangeTooSmallIsRefusedAndAFullRangeGivesACodedErrorLeavingNothing() throws Exception {
    CapturedRun none = launch(third, "--range", "10.40.0.0/31");
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.failedWithOneLine("holds no addresses"), none.err());
    assertFalse(third.hasAgentContainer());

    assertOk(launch(third, "--range", "10.40.0.0/30")); // two addresses: .1 and .2
    try {
      String a = third.container();
      String b = third.container();
      String c = third.container();
      assertOk(third.weft("attach", a));
      assertOk(third.weft("attach", b));
      CapturedRun full = third.weft("attach", c);
      assertEquals(1, full.exitCode(), full.err());
      assertTrue(full.failedWithOneLine("no free address left in 10.40.0.0/30"), full.err());
      assertEquals(1, HostProcess.of("ip", "-n", third.netns(), "link", "show", "vethwepl" + third.pid(c))
          .runAllowingFailure().exitCode(), "no half-made veth for the container refused");
      third.remove(a);
      // the freed address is handed out again once the agent has seen the container go
      Await.until("10.40.0.1 free again", FLEET_BOUND, () -> third.weft("attach", c).exitCode() == 0);
    } finally {
      assertOk(third.weft("stop"));
      third.removeAgentContainer();
    }
  }

  @Test
  @Order(5)
  void threeHostsFormOneFleet() {
    long t1 = System.nanoTime();
    assertOk(launch(first));
    System.out.println("FIGURE launch to ready, first host: " + (System.nanoTime() - t1) / 1_000_000 + " ms");
    assertOk(launch(second, first.address()));
    long t3 = System.nanoTime();
    CapturedRun last = launch(third, second.address());
    System.out.println("FIGURE launch to ready, third host: " + (System.nanoTime() - t3) / 1_000_000 + " ms");
    assertOk(last);
    assertTrue(last.out().contains("in a cluster of 3"), last.out());

    for (FleetHost host : fleet.hosts()) {
      Await.until(host + " lists three peers", FLEET_BOUND,
          () -> host.peerNames().equals(Set.copyOf(fleet.names())));
      Await.until(host + " floods to the two others", FLEET_BOUND,
          () -> Fdb.floodTargets(host.netns()).equals(othersThan(host)));
    }
    System.out.println("FIGURE agent resident memory: " + first.agentResidentKb() + " kB");
  }

  @Test
  @Order(6)
  void thePasswordIsKeptInTheStateVolumeAloneAndTheAgentRunsWithFewPrivileges() {
    for (FleetHost host : fleet.hosts()) {
      String dockerHost = host.dockerHost();
      for (String[] look : new String[][] {{"inspect", "weft"}, {"image", "inspect", "weft/agent:latest"},
          {"logs", "weft"}, {"volume", "inspect", "weft-state"}}) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost));
        command.addAll(List.of(look));
        ProcessResult shown = HostProcess.of(command.toArray(String[]::new)).runAllowingFailure();
        assertFalse((shown.stdout() + shown.stderr()).contains(PASSWORD.reveal()),
            host + ": docker " + String.join(" ", look) + " shows the password");
      }
      CapturedRun shown = host.weft("password");
      assertOk(shown);
      assertEquals(PASSWORD.reveal(), shown.out().strip(), host.name());
      String mode = HostProcess.of("docker", "-H", dockerHost, "exec", "weft", "stat", "-c",
          "%a %U", "/var/lib/weft/fleet-password").run();
      assertEquals("600 root", mode.strip(), host.name());
      JsonObject limits = new JsonObject(HostProcess.of("docker", "-H", dockerHost, "inspect", "-f",
          "{{json .HostConfig}}", "weft").run());
      assertEquals("[\"ALL\"]", limits.getJsonArray("CapDrop").encode(), host.name());
      assertTrue(limits.getJsonArray("SecurityOpt").contains("no-new-privileges:true"), host.name());
      assertTrue(limits.getBoolean("ReadonlyRootfs"), host.name());
    }
  }

  @Test
  @Order(7)
  void containersOnTwoHostsReachEachOtherOverWeft() throws Exception {
    String a = first.container();
    String c = third.container();
    assertOk(first.weft("attach", "10.32.5.1/12", a));
    assertOk(third.weft("attach", "10.32.5.3/12", c));
    // the wire seals a pair once both hosts have the other's key: a host launched a moment ago
    // may not have it yet
    Duration reached = Await.until(first + "'s container reaches " + third + "'s", FLEET_BOUND,
        () -> first.ping(a, "10.32.5.3", 1));
    System.out.println("FIGURE first ping across after attach: " + reached.toMillis() + " ms");
    assertTrue(third.ping(c, "10.32.5.1", 2), third + "'s container reaches " + first + "'s");
  }

  @Test
  @Order(8)
  void launchingAgainIsHarmless() {
    CapturedRun again = launch(first, second.address());
    assertOk(again);
    assertTrue(again.out().contains("already running") && again.out().contains("weft connect"),
        again.out());
    assertEquals(Set.copyOf(fleet.names()), first.peerNames());
  }

  @Test
  @Order(9)
  void aStoppedHostLeavesTheOthersForwardingEntries() {
    assertOk(third.weft("stop"));
    Duration dropped = Await.until(first + " drops " + third, FLEET_BOUND,
        () -> !Fdb.floodTargets(first.netns()).contains(third.address()));
    Await.until(second + " drops " + third, FLEET_BOUND,
        () -> !Fdb.floodTargets(second.netns()).contains(third.address()));
    System.out.println("FIGURE " + third + " dropped by " + first + " after weft stop: " + dropped.toMillis() + " ms");
    Await.until(first + "'s peers without " + third, FLEET_BOUND,
        () -> first.peerNames().equals(Set.of(first.name(), second.name())));

    assertOk(third.weft("stop"));
    third.removeAgentContainer();
    CapturedRun none = third.weft("stop");
    assertEquals(1, none.exitCode());
    assertTrue(none.failedWithOneLine("weft is not running on this host"), none.err());
    CapturedRun peers = third.weft("peers");
    assertEquals(1, peers.exitCode());
    assertTrue(peers.failedWithOneLine("weft is not running on this host"), peers.err());
  }

  @Test
  @Order(10)
  void aHostWithoutTheFleetsPasswordIsRefusedAndLeavesNothing() throws Exception {
    HostProcess.of("docker", "-H", third.dockerHost(), "volume", "rm", "weft-state").run();
    CapturedRun none = third.weft("launch", second.address());
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.failedWithOneLine("joining a fleet needs its password"), none.err());
    assertFalse(third.hasAgentContainer());

    Path wrong = PasswordFiles.temporary(FleetPassword.generate());
    long start = System.nanoTime();
    CapturedRun refused = third.weft("launch", "--password-file", wrong.toString(), second.address());
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("FIGURE launch with a wrong password refused after " + millis + " ms");
    assertEquals(1, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("refused this host"), refused.err());
    assertTrue(millis < 30_000, millis + " ms");
    assertFalse(third.hasAgentContainer());
    assertEquals(1, HostProcess.of("docker", "-H", third.dockerHost(), "volume",
        "inspect", "weft-state").runAllowingFailure().exitCode(), "the new state volume is removed");
    assertEquals(Set.of(first.name(), second.name()), first.peerNames());
    assertEquals(Set.of(first.name(), second.name()), second.peerNames());
  }

  @Test
  @Order(11)
  void aKilledAgentIsDroppedTooAndComesBack() throws Exception {
    assertOk(launch(third, second.address()));
    Await.until(first + " floods to " + third, FLEET_BOUND,
        () -> Fdb.floodTargets(first.netns()).contains(third.address()));
    // a data plane that outlives its agent is one the others have heard over WireGuard
    Await.until(first + " hears " + third + " over WireGuard", FLEET_BOUND, () -> hears(first, third));
    long pid = third.agentPid();
    HostProcess.of("kill", "-9", String.valueOf(pid)).run();
    // the agent leaves the cluster; its data plane (the kernel, weft-wg) does not, so the others
    // keep forwarding to it
    Duration dropped = Await.until(first + " drops the killed " + third + " from its peers", FLEET_BOUND,
        () -> !first.peerNames().contains(third.name()));
    System.out.println("FIGURE " + third + " dropped by " + first + " after kill -9: " + dropped.toMillis() + " ms");
    assertTrue(Fdb.floodTargets(first.netns()).contains(third.address()), first + " still floods to " + third);
    // restart policy unless-stopped: Docker starts it again, and it rejoins
    Await.until(third + " back in " + first + "'s peers", Duration.ofSeconds(40),
        () -> first.peerNames().contains(third.name()));
  }

  @Test
  @Order(12)
  void connectAndForgetEditTheAgentsPeerList() {
    assertOk(first.weft("connect", third.address()));
    CapturedRun twice = first.weft("connect", third.address());
    assertOk(twice);
    assertTrue(twice.out().contains("connected already"), twice.out());
    assertOk(first.weft("forget", third.address()));
    CapturedRun unknown = first.weft("forget", "172.29.0.77");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.failedWithOneLine("not a connected peer"), unknown.err());
  }

  @Test
  @Order(13)
  void aHostThatCrashesAndBootsAgainComesBackWhole() throws Exception {
    String survivor = first.container();
    assertOk(first.weft("attach", "10.32.6.1/12", survivor));
    String victim;
    victim = second.engine().createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity")
        .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart()))
        .exec().getId();
    second.engine().startContainerCmd(victim).exec();
    assertOk(second.weft("attach", "10.32.6.2/12", victim));
    assertTrue(first.ping(survivor, "10.32.6.2", 2), "before the crash");

    fleet.restart(second); // every process killed, links gone, the engine started afresh
    long booted = System.nanoTime();
    Await.until(second + " back in " + first + "'s peers", Duration.ofSeconds(60),
        () -> first.peerNames().contains(second.name()));
    Await.until(first + " floods to " + second + " again", FLEET_BOUND,
        () -> Fdb.floodTargets(first.netns()).contains(second.address()));
    try {
      Await.until("the container on " + second + " has 10.32.6.2 again", FLEET_BOUND,
          () -> first.ping(survivor, "10.32.6.2", 2));
    } catch (AssertionError e) {
      printRebootState();
      throw e;
    }
    System.out.println("FIGURE " + second + " whole again (peers, tunnels, its container's address) "
        + (System.nanoTime() - booted) / 1_000_000 + " ms after its engine answered");
    Await.until(second + " floods to the others", FLEET_BOUND,
        () -> Fdb.floodTargets(second.netns()).equals(othersThan(second)));
  }

  @Test
  @Order(14)
  void everyHostLearnedTheFleetsSaltFromThePeerItJoined() {
    String salt = stateFile(first, "fleet-salt.json");
    assertTrue(salt.matches("(?s).*\"salt\" : \"weft-fleet-v2/[0-9a-f]{32}\".*"), salt);
    for (FleetHost host : fleet.others(first)) {
      assertEquals(salt, stateFile(host, "fleet-salt.json"), host + " keeps " + first + "'s salt");
    }
    String log = second.agentLog();
    assertTrue(log.contains("learned the fleet's salt from " + first.address()), log);
  }

  @Test
  @Order(15)
  void aWeakPasswordGivenIsRefusedUnlessForced() throws Exception {
    assertOk(third.weft("stop"));
    third.removeAgentContainer();
    HostProcess.of("docker", "-H", third.dockerHost(), "volume", "rm", "weft-state").run();
    Path weak = PasswordFiles.temporary(FleetPassword.of("weftfleet2026"));
    CapturedRun refused = third.weft("launch", "--password-file", weak.toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("the fleet password is too weak"), refused.err());
    assertFalse(refused.err().contains("weftfleet2026"));
    assertFalse(third.hasAgentContainer());
    CapturedRun forced = third.weft("launch", "--force", "--password-file", weak.toString());
    assertOk(forced);
    assertEquals("weftfleet2026", third.weft("password").out().strip());
    assertOk(third.weft("stop"));
    third.removeAgentContainer();
  }

  /** A file of the agent's state volume, read through the Docker API. */
  private static String stateFile(FleetHost host, String name) {
    return HostProcess.of("docker", "-H", host.dockerHost(), "exec", "weft", "cat", "/var/lib/weft/" + name).run();
  }

  /** What says which road a failed reboot took: the rebooted host's agent log and containers, the other's tunnel. */
  private static void printRebootState() {
    System.out.println(second + "'s agent log:\n" + second.agentLog());
    System.out.println(second + "'s containers:\n"
        + HostProcess.of("docker", "-H", second.dockerHost(), "ps", "-a").runAllowingFailure().stdout());
    System.out.println(first + "'s vxlan-weft entries:\n"
        + HostProcess.of("bridge", "-n", first.netns(), "fdb", "show", "dev", "vxlan-weft").runAllowingFailure().stdout()
        + HostProcess.of("ip", "-n", first.netns(), "neigh", "show", "dev", "vxlan-weft").runAllowingFailure().stdout());
  }

  /** Whether {@code host}'s wire hears {@code other} on its direct path. */
  private static boolean hears(FleetHost host, FleetHost other) {
    CapturedRun peers = host.weft("peers", "--json");
    if (peers.exitCode() != 0) {
      return false;
    }
    return new JsonObject(peers.out()).getJsonObject("wire").getJsonArray("hosts").stream()
        .map(h -> (JsonObject) h)
        .anyMatch(h -> other.name().equals(h.getString("name")) && "up".equals(h.getString("heard")));
  }

  /** {@code weft launch ARGS} with the fleet's password. */
  private static CapturedRun launch(FleetHost host, String... args) {
    List<String> words = new ArrayList<>(List.of("launch", "--password-file", passwordFile.toString()));
    words.addAll(List.of(args));
    return host.weft(words.toArray(String[]::new));
  }

  private static Set<String> othersThan(FleetHost host) {
    Set<String> others = new TreeSet<>();
    fleet.others(host).forEach(other -> others.add(other.address()));
    return others;
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }
}
