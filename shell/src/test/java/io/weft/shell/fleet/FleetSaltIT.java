package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.agent.FleetPassword;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHosts;
import java.nio.file.Path;
import java.time.Duration;
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
 * Each fleet's salt on two sandbox hosts, with real agents: a host whose peer did not answer
 * founds its fleet alone and moves into its peer's fleet once that is up; a fleet of the first
 * scheme (made here as an upgraded agent meets it: salt and keys files gone) keeps working, and
 * {@code weft upgrade-keys} on one host moves both hosts to a salt of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSaltIT {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static Sandbox sandbox;
  private static Path password;

  @BeforeAll
  static void up() {
    sandbox = SandboxHosts.up(2);
    password = PasswordFiles.temporary(FleetPassword.generate());
  }

  @AfterAll
  static void down() {
    SandboxHosts.down(sandbox);
  }

  @Test
  @Order(1)
  void aHostWhosePeerDidNotAnswerMovesIntoItsFleetOnceItIsUp() {
    CapturedRun alone = weft("host1", "launch", "--password-file", password.toString(), address("host2"));
    assertEquals(1, alone.exitCode(), alone.err());
    assertTrue(alone.out().contains("founding a fleet alone"), alone.out());
    String aloneSalt = salt("host1");
    assertTrue(aloneSalt.endsWith("/alone"), aloneSalt);

    assertOk(weft("host2", "launch", "--password-file", password.toString()));
    long up = System.nanoTime();
    Duration moved = Await.until("host1 in host2's fleet", BOUND,
        () -> peerNames("host2").equals(Set.of("host1", "host2")));
    System.out.println("FIGURE a host founded alone joined its peer's fleet " + moved.toMillis()
        + " ms after the peer was up (" + (System.nanoTime() - up) / 1_000_000 + " ms)");
    assertEquals(salt("host2"), salt("host1"));
    assertNotEquals(aloneSalt, salt("host1"));
    assertTrue(agentLog("host1").contains("restarting to join it"), "host1 said why it restarted");
  }

  @Test
  @Order(2)
  void aFleetOfTheFirstSchemeKeepsWorkingAndUpgradeKeysMovesItWhole() {
    // what an upgraded agent of a fleet founded before salts finds: no salt, no kept keys
    for (String host : List.of("host1", "host2")) {
      assertOk(weft(host, "stop"));
      ProcessResult stripped = HostProcess.of("docker", "-H", sandbox.host(host).dockerHost(), "run",
          "--rm", "-v", "weft-state:/state", "--entrypoint", "rm", "weft/agent:latest", "-f",
          "/state/fleet-salt.json", "/state/fleet-keys.json").runAllowingFailure();
      assertEquals(0, stripped.exitCode(), stripped.stderr());
    }
    assertOk(weft("host1", "launch"));
    assertOk(weft("host2", "launch"));
    Await.until("one fleet of the first scheme", BOUND,
        () -> peerNames("host1").equals(Set.of("host1", "host2")));
    assertTrue(agentLog("host2").contains("this fleet's keys come from the first scheme"), "the warning");

    long start = System.nanoTime();
    CapturedRun upgraded = weft("host1", "upgrade-keys");
    assertOk(upgraded);
    assertTrue(upgraded.out().contains("the fleet's salt is now weft-fleet-v2/"), upgraded.out());
    Duration whole = Await.until("both hosts in one fleet with a salt of its own", BOUND,
        () -> salt("host2").equals(salt("host1")) && salt("host1").startsWith("weft-fleet-v2/")
            && peerNames("host1").equals(Set.of("host1", "host2"))
            && peerNames("host2").equals(Set.of("host1", "host2")));
    System.out.println("FIGURE weft upgrade-keys to both hosts in one fleet again: "
        + (System.nanoTime() - start) / 1_000_000 + " ms (" + whole.toMillis() + " ms of waiting)");
    CapturedRun again = weft("host2", "upgrade-keys");
    assertEquals(2, again.exitCode(), again.err());
    assertTrue(again.failedWithOneLine("has a salt of its own already"), again.err());
  }

  private static CapturedRun weft(String host, String... args) {
    return OnHost.weft(sandbox, host, args);
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }

  private static String address(String host) {
    return sandbox.host(host).address();
  }

  /**
   * The salt the host's agent keeps, or "" while it has none (or no agent answers). Bounded: an
   * exec into an agent that is restarting may never end.
   */
  private static String salt(String host) {
    ProcessResult kept = HostProcess.of("timeout", "10", "docker", "-H", sandbox.host(host).dockerHost(),
        "exec", "weft", "cat", "/var/lib/weft/fleet-salt.json").runAllowingFailure();
    return kept.exitCode() == 0 ? new JsonObject(kept.stdout()).getString("salt", "") : "";
  }

  private static String agentLog(String host) {
    ProcessResult log = HostProcess.of("docker", "-H", sandbox.host(host).dockerHost(), "logs", "weft")
        .runAllowingFailure();
    return log.stdout() + log.stderr();
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
}
