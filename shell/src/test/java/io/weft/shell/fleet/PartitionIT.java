package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.SharedFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
@SharedFleet(breaksIt = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT {

  private static final Duration FLEET_BOUND = Duration.ofSeconds(30);
  private static Fleet fleet;
  /** The fleet's founder, another host, and the host that is cut off. */
  private static FleetHost first;
  private static FleetHost second;
  private static FleetHost third;

  @BeforeAll
  static void up(Fleet shared) {
    fleet = shared;
    first = fleet.host(0);
    second = fleet.host(1);
    third = fleet.host(2);
  }

  @AfterEach
  void healed() {
    fleet.heal();
  }

  @Test
  @Order(1)
  void bothSidesOfASplitGoOnAllocatingAndNoAddressIsEverHeldTwice() {
    // every host takes its first block as it joins, so the cut-off one allocates from its own
    for (FleetHost host : List.of(second, third)) {
      Duration took = Await.until(host + " owns a block", FLEET_BOUND, () -> blocksOwned(host) > 0);
      System.out.println("FIGURE " + host + " owned a block " + took.toMillis() + " ms after it was first asked");
    }
    fleet.cut(third);
    awaitPeers(third, third);
    awaitPeers(first, first, second);
    // dropped because no member reached it, or at the member connections' 8 s bound when a
    // witness's question could not be delivered in time (docs/operations.md): printed, not required
    String cutOff = "host " + third.name() + " is cut off: no member reaches its host";
    System.out.println("FIGURE the cut-off host dropped on the witnesses' word: "
        + (first.agentLog().contains(cutOff) || second.agentLog().contains(cutOff)));
    List<String> given = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (FleetHost host : List.of(first, third)) {
        String id = host.container();
        assertOk(host.weft("attach", id));
        given.addAll(host.ethwe(id));
      }
    }
    assertEquals(20, new HashSet<>(given).size(), "twenty distinct addresses while split: " + given);
    fleet.heal();
    for (FleetHost host : fleet.hosts()) {
      awaitPeers(host, first, second, third);
    }
    List<String> everywhere = fleet.addressesEverywhere();
    assertEquals(new HashSet<>(everywhere).size(), everywhere.size(), "held twice: " + everywhere);
    for (FleetHost host : fleet.hosts()) {
      CapturedRun status = host.weft("status");
      assertTrue(status.out().contains("Conflicts: none"), host + ": " + status.out());
    }
  }

  @Test
  @Order(2)
  void anAddressWhoseBlockOwnerIsAwayIsRefusedAndNothingIsLeft() {
    fleet.cut(third);
    awaitPeers(third, third);
    String id = third.container();
    CapturedRun refused = third.weft("attach", "10.32.0.200/12", id);
    assertEquals(1, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("10.32.0.200 is not given: its block 10.32.0.0/24 is " + first + "'s, "
        + "which is not reachable now"), refused.err());
    assertEquals(List.of(), third.ethwe(id), "no interface was made");
    fleet.heal();
    Await.until(third + " back in the fleet", FLEET_BOUND,
        () -> third.weft("attach", "10.32.0.200/12", id).exitCode() == 0);
    assertEquals(List.of("10.32.0.200/12"), third.ethwe(id));
    CapturedRun taken = first.weft("attach", "10.32.0.200/12", first.container());
    assertTrue(taken.failedWithOneLine("10.32.0.200 is held by container " + id.substring(0, 12)
        + " on " + third), taken.err());
  }

  @Test
  @Order(3)
  void anAddressClaimedOnBothSidesOfASplitIsFoundReportedAndGivenToOneHolder() {
    fleet.cut(third);
    awaitPeers(third, third);
    String firstClaim = first.container();
    String secondClaim = third.container();
    // Outside the range no block has an owner: each side can only ask its own half of the record.
    assertOk(first.weft("attach", "10.99.0.1/24", firstClaim));
    assertOk(third.weft("attach", "10.99.0.1/24", secondClaim));
    fleet.heal();
    // the loser is detached, then attached again with a new address: wait for both
    Duration resolved = Await.until("one holder of 10.99.0.1 again, the other renumbered", FLEET_BOUND, () -> {
      List<String> now = third.ethwe(secondClaim);
      return !now.isEmpty() && !now.contains("10.99.0.1/24");
    });
    System.out.println("FIGURE conflict resolved after heal: " + resolved.toMillis() + " ms");
    assertEquals(List.of("10.99.0.1/24"), first.ethwe(firstClaim), "claimed first, kept");
    List<String> renumbered = third.ethwe(secondClaim);
    assertEquals(1, renumbered.size(), "the other holder got a new address: " + renumbered
        + "\n" + third.agentLog().lines().filter(l -> !l.startsWith("\tat ")).toList());
    // the loser's agent found it and resolved it; the others see it only if they look at the
    // record before that (docs/operations.md), so their logs are printed, not required
    String reported = "address conflict: 10.99.0.1 is held by container " + firstClaim.substring(0, 12)
        + " on " + first;
    assertTrue(third.agentLog().contains(reported), third + " reported the conflict it resolved");
    for (FleetHost host : fleet.hosts()) {
      System.out.println("FIGURE " + host + " logged the conflict: " + host.agentLog().contains(reported));
    }
  }

  @Test
  @Order(4)
  void aDeadHostsBlocksGoToTheLivingOnlyOnceItIsGone() {
    // The last test's heal settled first: a pair a heal left relayed through the second host
    // would lose its relay with that host's agent (a weakness of its own, not this test's).
    for (FleetHost[] pair : List.of(new FleetHost[] {first, second}, new FleetHost[] {first, third},
        new FleetHost[] {second, third})) {
      Await.until(pair[0] + " and " + pair[1] + " direct", FLEET_BOUND,
          () -> WirePaths.direct(pair[0], pair[1]) && WirePaths.direct(pair[1], pair[0]));
    }
    CapturedRun alive = first.weft("rmpeer", second.name());
    assertEquals(1, alive.exitCode(), alive.err());
    assertTrue(alive.failedWithOneLine(second + " is a member of the fleet now"), alive.err());

    int before = blocksOwned(first);
    int host2Owned = blocksOwned(second);
    // the second host will not come back: its agent and its state are gone
    second.removeAgentContainer();
    awaitPeers(first, first, third);
    CapturedRun removed = first.weft("rmpeer", second.name());
    assertEquals(0, removed.exitCode(), removed.err());
    assertTrue(removed.out().startsWith("removed " + second + ": its " + host2Owned + " address blocks"),
        removed.out());
    assertEquals(before + host2Owned, blocksOwned(first));
    CapturedRun again = first.weft("rmpeer", second.name());
    assertTrue(again.failedWithOneLine("no host named '" + second + "'"), again.err());
  }

  @Test
  @Order(5)
  void aRestartedContainerKeepsItsAddressAndMacAndIsReachedAgainAtOnce() {
    String near = first.container();
    String far = third.container();
    assertOk(first.weft("attach", near));
    assertOk(third.weft("attach", far));
    String address = third.ethwe(far).get(0);
    String ip = address.split("/")[0];
    String mac = third.ethweMac(far);
    Await.until(first + " reaches " + third + "'s container", FLEET_BOUND, () -> first.ping(near, ip, 1));
    long start = System.nanoTime();
    third.engine().restartContainerCmd(far).withTimeout(0).exec();
    long restarted = System.nanoTime();
    Duration back = Await.until(first + " reaches it again", FLEET_BOUND, () -> first.ping(near, ip, 0.1));
    System.out.println("FIGURE container restart " + (restarted - start) / 1_000_000 + " ms, reachable from"
        + " another host " + back.toMillis() + " ms after it");
    assertEquals(List.of(address), third.ethwe(far), "the same address");
    assertEquals(mac, third.ethweMac(far), "the same MAC");
  }

  @Test
  @Order(6)
  void afterAResetTheAgentMakesTheOverlayAgainAndTrafficFlows() {
    assertOk(third.weft("reset"));
    Duration repaired = Await.until(third + "'s VXLAN device back on its bridge", FLEET_BOUND,
        () -> HostProcess.of("ip", "-n", third.netns(), "-o", "link", "show", "vxlan-weft").runAllowingFailure()
            .stdout().contains("master weft"));
    System.out.println("FIGURE overlay made again " + repaired.toMillis() + " ms after a reset");
    String near = first.container();
    String far = third.container();
    assertOk(first.weft("attach", near));
    assertOk(third.weft("attach", far));
    String ip = third.ethwe(far).get(0).split("/")[0];
    Await.until(first + " reaches " + third + "'s new container", FLEET_BOUND, () -> first.ping(near, ip, 0.5));
  }

  private static int blocksOwned(FleetHost host) {
    CapturedRun status = host.weft("status", "--json");
    assertOk(status);
    return new JsonObject(status.out()).getJsonObject("result").getJsonObject("addressSpace")
        .getInteger("blocksOwned");
  }

  /** Waits until {@code host}'s peer table names {@code peers} and no others. */
  private static void awaitPeers(FleetHost host, FleetHost... peers) {
    Set<String> names = new TreeSet<>();
    for (FleetHost peer : peers) {
      names.add(peer.name());
    }
    Await.until(host + " sees " + names, FLEET_BOUND, () -> host.peerNames().equals(names));
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.out() + run.err());
  }
}
