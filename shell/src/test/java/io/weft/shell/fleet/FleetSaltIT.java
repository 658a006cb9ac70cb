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
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Each fleet's salt on two sandbox hosts, with real agents: a host whose peer did not answer
 * founds its fleet alone and moves into its peer's fleet once that is up; a fleet of the first
 * scheme (made here as an upgraded agent meets it: salt and keys files gone) keeps working, and
 * {@code weft upgrade-keys} on one host moves both hosts to a salt of their own.
 */
@OwnHosts(hosts = 2)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSaltIT {

  private static final Duration BOUND = Duration.ofSeconds(60);
  /** The host launched first, whose peer does not answer yet, and that peer. */
  private static FleetHost early;
  private static FleetHost peer;
  private static Set<String> both;
  private static Path password;

  @BeforeAll
  static void up(Fleet own) {
    early = own.host(0);
    peer = own.host(1);
    both = Set.copyOf(own.names());
    password = PasswordFiles.temporary(FleetPassword.generate());
  }

  @Test
  @Order(1)
  void aHostWhosePeerDidNotAnswerMovesIntoItsFleetOnceItIsUp() {
    CapturedRun alone = early.weft("launch", "--password-file", password.toString(), peer.address());
    assertEquals(1, alone.exitCode(), alone.err());
    assertTrue(alone.out().contains("founding a fleet alone"), alone.out());
    String aloneSalt = salt(early);
    assertTrue(aloneSalt.endsWith("/alone"), aloneSalt);

    assertOk(peer.weft("launch", "--password-file", password.toString()));
    long up = System.nanoTime();
    Duration moved = Await.until(early + " in " + peer + "'s fleet", BOUND, () -> peer.peerNames().equals(both));
    System.out.println("FIGURE a host founded alone joined its peer's fleet " + moved.toMillis()
        + " ms after the peer was up (" + (System.nanoTime() - up) / 1_000_000 + " ms)");
    assertEquals(salt(peer), salt(early));
    assertNotEquals(aloneSalt, salt(early));
    assertTrue(early.agentLog().contains("restarting to join it"), early + " said why it restarted");
  }

  @Test
  @Order(2)
  void aFleetOfTheFirstSchemeKeepsWorkingAndUpgradeKeysMovesItWhole() {
    // what an upgraded agent of a fleet founded before salts finds: no salt, no kept keys
    for (FleetHost host : new FleetHost[] {early, peer}) {
      assertOk(host.weft("stop"));
      ProcessResult stripped = HostProcess.of("docker", "-H", host.dockerHost(), "run",
          "--rm", "-v", "weft-state:/state", "--entrypoint", "rm", "weft/agent:latest", "-f",
          "/state/fleet-salt.json", "/state/fleet-keys.json").runAllowingFailure();
      assertEquals(0, stripped.exitCode(), stripped.stderr());
    }
    assertOk(early.weft("launch"));
    assertOk(peer.weft("launch"));
    Await.until("one fleet of the first scheme", BOUND, () -> early.peerNames().equals(both));
    assertTrue(peer.agentLog().contains("this fleet's keys come from the first scheme"), "the warning");

    long start = System.nanoTime();
    CapturedRun upgraded = early.weft("upgrade-keys");
    assertOk(upgraded);
    assertTrue(upgraded.out().contains("the fleet's salt is now weft-fleet-v2/"), upgraded.out());
    Duration whole = Await.until("both hosts in one fleet with a salt of its own", BOUND,
        () -> salt(peer).equals(salt(early)) && salt(early).startsWith("weft-fleet-v2/")
            && early.peerNames().equals(both) && peer.peerNames().equals(both));
    System.out.println("FIGURE weft upgrade-keys to both hosts in one fleet again: "
        + (System.nanoTime() - start) / 1_000_000 + " ms (" + whole.toMillis() + " ms of waiting)");
    CapturedRun again = peer.weft("upgrade-keys");
    assertEquals(2, again.exitCode(), again.err());
    assertTrue(again.failedWithOneLine("has a salt of its own already"), again.err());
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }

  /**
   * The salt the host's agent keeps, or "" while it has none (or no agent answers). Bounded: an
   * exec into an agent that is restarting may never end.
   */
  private static String salt(FleetHost host) {
    ProcessResult kept = HostProcess.of("timeout", "10", "docker", "-H", host.dockerHost(),
        "exec", "weft", "cat", "/var/lib/weft/fleet-salt.json").runAllowingFailure();
    return kept.exitCode() == 0 ? new JsonObject(kept.stdout()).getString("salt", "") : "";
  }
}
