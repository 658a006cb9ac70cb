package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.shell.cli.CapturedRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A launched fleet of three sandbox hosts that the underlay splits and heals, as a failed link
 * would: both sides go on handing out addresses and none is ever held twice, an address whose
 * block's owner is away is refused rather than guessed, addresses held twice by explicit claims
 * are found, reported and resolved by one rule, and a dead host's blocks go to the living. The
 * tests build on each other, in order. Addresses are read from the containers' kernels.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT {

  private static final Duration FLEET_BOUND = Duration.ofSeconds(30);
  private static FleetHosts fleet;

  @BeforeAll
  static void up() {
    fleet = FleetHosts.up(3).launched();
  }

  @AfterEach
  void healed() {
    fleet.sandbox.heal();
  }

  @AfterAll
  static void down() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void bothSidesOfASplitGoOnAllocatingAndNoAddressIsEverHeldTwice() {
    // host3 has never allocated: it took its first block as it joined, and allocates cut off
    for (String host : List.of("host2", "host3")) {
      Duration took = Await.until(host + " owns a block", FLEET_BOUND, () -> blocksOwned(host) > 0);
      System.out.println("FIGURE " + host + " owned a block " + took.toMillis() + " ms after the fleet was launched");
    }
    fleet.sandbox.cut("host3");
    awaitPeers("host3", Set.of("host3"));
    awaitPeers("host1", Set.of("host1", "host2"));
    List<String> given = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (String host : List.of("host1", "host3")) {
        String id = fleet.container(host);
        assertOk(fleet.weft(host, "attach", id));
        given.addAll(fleet.ethwe(host, id));
      }
    }
    assertEquals(20, new HashSet<>(given).size(), "twenty distinct addresses while split: " + given);
    fleet.sandbox.heal();
    for (String host : fleet.names()) {
      awaitPeers(host, Set.of("host1", "host2", "host3"));
    }
    List<String> everywhere = fleet.addressesEverywhere();
    assertEquals(new HashSet<>(everywhere).size(), everywhere.size(), "held twice: " + everywhere);
    for (String host : fleet.names()) {
      CapturedRun status = fleet.weft(host, "status");
      assertTrue(status.out().contains("Conflicts: none"), host + ": " + status.out());
    }
  }

  @Test
  @Order(2)
  void anAddressWhoseBlockOwnerIsAwayIsRefusedAndNothingIsLeft() {
    fleet.sandbox.cut("host3");
    awaitPeers("host3", Set.of("host3"));
    String id = fleet.container("host3");
    CapturedRun refused = fleet.weft("host3", "attach", "10.32.0.200/12", id);
    assertEquals(1, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("10.32.0.200 is not given: its block 10.32.0.0/24 is host1's, "
        + "which is not reachable now"), refused.err());
    assertEquals(List.of(), fleet.ethwe("host3", id), "no interface was made");
    fleet.sandbox.heal();
    Await.until("host3 back in the fleet", FLEET_BOUND,
        () -> fleet.weft("host3", "attach", "10.32.0.200/12", id).exitCode() == 0);
    assertEquals(List.of("10.32.0.200/12"), fleet.ethwe("host3", id));
    CapturedRun taken = fleet.weft("host1", "attach", "10.32.0.200/12", fleet.container("host1"));
    assertTrue(taken.failedWithOneLine("10.32.0.200 is held by container " + id.substring(0, 12)
        + " on host3"), taken.err());
  }

  @Test
  @Order(3)
  void anAddressClaimedOnBothSidesOfASplitIsFoundReportedAndGivenToOneHolder() {
    fleet.sandbox.cut("host3");
    awaitPeers("host3", Set.of("host3"));
    String first = fleet.container("host1");
    String second = fleet.container("host3");
    // Outside the range no block has an owner: each side can only ask its own half of the record.
    assertOk(fleet.weft("host1", "attach", "10.99.0.1/24", first));
    assertOk(fleet.weft("host3", "attach", "10.99.0.1/24", second));
    fleet.sandbox.heal();
    // the loser is detached, then attached again with a new address: wait for both
    Duration resolved = Await.until("one holder of 10.99.0.1 again, the other renumbered", FLEET_BOUND, () -> {
      List<String> now = fleet.ethwe("host3", second);
      return !now.isEmpty() && !now.contains("10.99.0.1/24");
    });
    System.out.println("FIGURE conflict resolved after heal: " + resolved.toMillis() + " ms");
    assertEquals(List.of("10.99.0.1/24"), fleet.ethwe("host1", first), "claimed first, kept");
    List<String> renumbered = fleet.ethwe("host3", second);
    assertEquals(1, renumbered.size(), "the other holder got a new address: " + renumbered
        + "\n" + fleet.agentLog("host3").lines().filter(l -> !l.startsWith("\tat ")).toList());
    for (String host : fleet.names()) {
      assertTrue(fleet.agentLog(host).contains("address conflict: 10.99.0.1 is held by container "
          + first.substring(0, 12) + " on host1"), host + " reported the conflict");
    }
  }

  @Test
  @Order(4)
  void aDeadHostsBlocksGoToTheLivingOnlyOnceItIsGone() {
    CapturedRun alive = fleet.weft("host1", "rmpeer", "host2");
    assertEquals(1, alive.exitCode(), alive.err());
    assertTrue(alive.failedWithOneLine("host2 is a member of the fleet now"), alive.err());

    int before = blocksOwned("host1");
    int host2Owned = blocksOwned("host2");
    // host2 will not come back: its agent and its state are gone
    fleet.engine("host2").removeContainerCmd("weft").withForce(true).exec();
    awaitPeers("host1", Set.of("host1", "host3"));
    CapturedRun removed = fleet.weft("host1", "rmpeer", "host2");
    assertEquals(0, removed.exitCode(), removed.err());
    assertTrue(removed.out().startsWith("removed host2: its " + host2Owned + " address blocks"), removed.out());
    assertEquals(before + host2Owned, blocksOwned("host1"));
    CapturedRun again = fleet.weft("host1", "rmpeer", "host2");
    assertTrue(again.failedWithOneLine("no host named 'host2'"), again.err());
  }

  @Test
  @Order(5)
  void aRestartedContainerKeepsItsAddressAndMacAndIsReachedAgainAtOnce() {
    String near = fleet.container("host1");
    String far = fleet.container("host3");
    assertOk(fleet.weft("host1", "attach", near));
    assertOk(fleet.weft("host3", "attach", far));
    String address = fleet.ethwe("host3", far).get(0);
    String ip = address.split("/")[0];
    String mac = fleet.ethweMac("host3", far);
    Await.until("host1 reaches host3's container", FLEET_BOUND, () -> fleet.ping("host1", near, ip, 1));
    long start = System.nanoTime();
    fleet.engine("host3").restartContainerCmd(far).withTimeout(0).exec();
    long restarted = System.nanoTime();
    Duration back = Await.until("host1 reaches it again", FLEET_BOUND, () -> fleet.ping("host1", near, ip, 0.1));
    System.out.println("FIGURE container restart " + (restarted - start) / 1_000_000 + " ms, reachable from"
        + " another host " + back.toMillis() + " ms after it");
    assertEquals(List.of(address), fleet.ethwe("host3", far), "the same address");
    assertEquals(mac, fleet.ethweMac("host3", far), "the same MAC");
  }

  @Test
  @Order(6)
  void afterAResetTheAgentMakesTheOverlayAgainAndTrafficFlows() {
    assertOk(fleet.weft("host3", "reset"));
    Duration repaired = Await.until("host3's VXLAN device back on its bridge", FLEET_BOUND,
        () -> HostProcess.of("ip", "-n", "host3", "-o", "link", "show", "vxlan-weft").runAllowingFailure()
            .stdout().contains("master weft"));
    System.out.println("FIGURE overlay made again " + repaired.toMillis() + " ms after a reset");
    String near = fleet.container("host1");
    String far = fleet.container("host3");
    assertOk(fleet.weft("host1", "attach", near));
    assertOk(fleet.weft("host3", "attach", far));
    String ip = fleet.ethwe("host3", far).get(0).split("/")[0];
    Await.until("host1 reaches host3's new container", FLEET_BOUND, () -> fleet.ping("host1", near, ip, 0.5));
  }

  private static int blocksOwned(String host) {
    CapturedRun status = fleet.weft(host, "status", "--json");
    assertOk(status);
    return new JsonObject(status.out()).getJsonObject("result").getJsonObject("addressSpace")
        .getInteger("blocksOwned");
  }

  private static void awaitPeers(String host, Set<String> names) {
    Await.until(host + " sees " + names, FLEET_BOUND, () -> fleet.peerNames(host).equals(names));
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.out() + run.err());
  }
}
