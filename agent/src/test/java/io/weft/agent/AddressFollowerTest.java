package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.alloc.FleetHoldings;
import io.weft.agent.alloc.Owner;
import io.weft.agent.alloc.TestFleet;
import io.weft.agent.command.FakeContainers;
import io.weft.agent.command.FakeHostKernel;
import io.weft.agent.command.HostCommands;
import io.weft.agent.command.HostContext;
import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.Holding;
import io.weft.common.bus.FleetEvent;
import io.weft.common.command.Attach;
import io.weft.common.command.Expose;
import io.weft.common.net.Cidr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * host2's address follower in a fleet of two held in memory ({@link TestFleet}), with its
 * kernel and engine faked: what it does with what the fleet's record shows after a split
 * heals, on its own thread (a queue the test runs).
 */
class AddressFollowerTest {

  private static final Cidr TWICE = Cidr.parse("10.99.0.1/24");

  private final TestFleet fleet = new TestFleet(AddressRange.DEFAULT);
  private final TestFleet.Host host1 = fleet.join("host1");
  private final TestFleet.Host host2 = fleet.join("host2");
  private final FakeHostKernel kernel = new FakeHostKernel();
  private final FakeContainers containers = new FakeContainers();
  private final FakeCluster cluster = new FakeCluster("host1", "host2");
  private final List<FleetEvent> events = new ArrayList<>();
  private final List<String> forgotten = new ArrayList<>();
  private final Queue<Runnable> thread = new ArrayDeque<>();
  private final HostCommands commands = new HostCommands(new HostContext(kernel, containers, host2.book,
      AddressRange.DEFAULT, "host2", () -> List.of(Cidr.parse("172.29.0.0/24"))));
  private final AddressFollower follower = new AddressFollower(host2.book, commands, cluster, false,
      forgotten::add, events::add, thread::add);

  @BeforeEach
  void start() {
    cluster.oldest(false);
    follower.start();
    runThread();
  }

  private void runThread() {
    while (!thread.isEmpty()) {
      thread.remove().run();
    }
  }

  /** host1's web and host2's {@code holder} both take {@link #TWICE} while the two are apart. */
  private void heldTwiceAcrossASplit(Runnable host2Takes) {
    fleet.split(Set.of("host2"));
    host1.book.claim(List.of(TWICE), new Owner("host1", "web"));
    host2Takes.run();
    fleet.heal();
    cluster.mapChanged(FleetHoldings.MAP);
    runThread();
  }

  private List<Conflicts.Conflict> conflicts() {
    return Conflicts.find(host1.holdings().all());
  }

  @Test
  void aContainerHereThatLosesAnAddressHeldTwiceIsGivenANewOneAndTheFleetIsTold() {
    containers.running("db", 202);
    heldTwiceAcrossASplit(() -> commands.execute(new Attach(List.of(TWICE), "db")));
    List<Cidr> now = kernel.addressesOf(202);
    assertEquals(1, now.size());
    assertNotEquals(TWICE, now.get(0));
    assertTrue(AddressRange.DEFAULT.subnet().contains(now.get(0).address()), now.toString());
    assertEquals(List.of(), conflicts(), "host1's web keeps it, and no one else holds it");
    assertEquals(1, events.size());
    assertEquals(FleetEvent.Kind.CONFLICT, events.get(0).kind());
    assertEquals(TWICE.toString(), events.get(0).fields().getString("address"));
  }

  @Test
  void aContainerThatIsNotRunningGivesItUpInTheRecordAlone() {
    containers.running("db", 202);
    heldTwiceAcrossASplit(() -> {
      commands.execute(new Attach(List.of(TWICE), "db"));
      containers.stopped("db");
    });
    assertEquals(List.of(), conflicts());
    assertEquals(List.of(), host2.book.heldBy(new Owner("host2", FakeContainers.idOf("db"))));
  }

  @Test
  void anExposedAddressHeldTwiceIsHiddenAndTheBridgeExposedOnANewOne() {
    heldTwiceAcrossASplit(() -> commands.execute(new Expose(List.of(TWICE))));
    List<Cidr> exposed = kernel.exposedAddresses();
    assertEquals(1, exposed.size());
    assertNotEquals(TWICE, exposed.get(0));
    assertEquals(List.of(), conflicts());
  }

  @Test
  void anAddressDockerChoseIsLeftToDockerAndTheConflictStands() {
    Owner docker = new Owner("host2", Owner.DOCKER_NETWORKS);
    heldTwiceAcrossASplit(() -> host2.book.claim(List.of(TWICE), docker));
    assertEquals(List.of(TWICE), host2.book.heldBy(docker));
    assertEquals(1, conflicts().size());
    assertEquals(List.of(), events);
  }

  @Test
  void theKeepersHostLeavesItsHolderAlone() {
    containers.running("db", 202);
    heldTwiceAcrossASplit(() -> commands.execute(new Attach(List.of(TWICE), "db")));
    assertEquals(List.of(TWICE), host1.book.heldBy(new Owner("host1", "web")));
  }

  @Test
  void aRepublishEntersThisHostsHoldingsAgainWhereACopyLacksThem() {
    containers.running("db", 202);
    commands.execute(new Attach(List.of(), "db"));
    Map<String, String> host1Copy = host1.addressMap();
    List<String> mine = host1Copy.keySet().stream().filter(k -> k.startsWith("host2|")).toList();
    assertFalse(mine.isEmpty());
    mine.forEach(key -> ((Map<String, String>) host1Copy).remove(key));
    assertTrue(host1Copy.keySet().stream().noneMatch(k -> k.startsWith("host2|")));
    follower.republish();
    runThread();
    assertEquals(Set.copyOf(mine),
        Set.copyOf(host1Copy.keySet().stream().filter(k -> k.startsWith("host2|")).toList()));
  }

  @Test
  void aHostRemovedFromTheFleetIsNoLongerLookedFor() {
    fleet.split(Set.of("host2"));
    cluster.leave("host1");
    runThread();
    assertEquals(List.of(), forgotten, "away is not removed");
    // host2 alone: host1 is away, and the operator removes it from host2's side
    host2.book.removePeer("host1");
    follower.refresh();
    runThread();
    assertEquals(Set.of("host1"), Set.copyOf(forgotten));
  }

  @Test
  void aHostThatJoinedTakesABlockAtOnceAndAllocatesLaterCutOffFromEveryOther() {
    assertTrue(host2.book.blocksOwned() > 0, "its first block as it joined");
    fleet.split(Set.of("host2"));
    cluster.leave("host1");
    runThread();
    containers.running("db", 202);
    commands.execute(new Attach(List.of(), "db"));
    assertEquals(1, kernel.addressesOf(202).size());
  }

  @Test
  void aHostWhoseDirectoryArrivesAfterItJoinedTakesItsFirstBlockThen() {
    TestFleet.Host host3 = fleet.join("host3");
    // as if host3's copy of the directory were still empty when its follower started
    host3.blockMap().keySet().forEach(k -> ((Map<String, String>) host3.blockMap()).remove(k));
    assertEquals(0, host3.book.blocksOwned());
    AddressFollower late = new AddressFollower(host3.book, commands, cluster, false, forgotten::add,
        events::add, thread::add);
    late.start();
    runThread();
    assertEquals(0, host3.book.blocksOwned(), "no host that could give seen yet: nothing taken");
    host1.book.publish(); // the directory fills
    host2.book.publish();
    late.refresh();
    runThread();
    assertTrue(host3.book.blocksOwned() > 0);
  }

  @Test
  void aStaleEntryOfAnotherHostThatHidesItsRealHolderIsTakenAwayByAnyHostThatSeesIt() {
    // host1 gave 10.32.0.9 to c9 after c1 let it go, but a copy of the map kept c1's entry
    FleetHoldings copy = host2.holdings();
    copy.put(new Holding(Cidr.parse("10.32.0.9/12"), "host1", "c1", java.time.Instant.parse("2026-12-06T01:00:00Z"),
        "02:00:00:00:00:01"));
    copy.put(new Holding(Cidr.parse("10.32.0.9/12"), "host1", "c9", java.time.Instant.parse("2026-12-06T02:00:00Z"),
        "02:00:00:00:00:09"));
    cluster.mapChanged(FleetHoldings.MAP);
    runThread();
    assertTrue(copy.all().stream().noneMatch(h -> h.container().equals("c1")), "the stale entry went");
    assertTrue(copy.all().stream().anyMatch(h -> h.container().equals("c9")), "the real one stays");
    assertEquals(List.of(), events, "no conflict was resolved: there was none");
  }

  @Test
  void requestsWhileARoundWaitsJoinIt() {
    follower.refresh();
    follower.refresh();
    cluster.mapChanged(FleetHoldings.MAP);
    follower.republish();
    follower.republish();
    assertEquals(4, thread.size(), "one round each of following, conflicts, stale entries and republishing");
  }
}
