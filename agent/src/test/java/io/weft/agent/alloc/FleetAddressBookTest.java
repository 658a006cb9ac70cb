package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.Holding;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's address record across hosts, split and whole, on a fleet in memory whose hosts each
 * keep their own copy of the replicated maps: no address is ever handed out twice, both sides of
 * a split go on allocating, and nothing is guessed.
 */
class FleetAddressBookTest {

  private final TestFleet fleet = new TestFleet(AddressRange.DEFAULT);

  @Test
  void theFounderOwnsEveryBlockAndAJoinerIsGivenHalfOfTheFreeOnes() {
    TestFleet.Host host1 = fleet.join("host1");
    assertEquals(4096, host1.book.space().blocksOwned());
    assertEquals(cidr("10.32.0.1/12"), allocate(host1, "a"));
    TestFleet.Host host2 = fleet.join("host2");
    assertEquals(0, host2.book.space().blocksOwned());
    Cidr first = allocate(host2, "b");
    assertEquals(2047, host2.book.space().blocksOwned(), "half of the founder's 4095 free blocks");
    assertEquals(4096 - 2047, host1.book.space().blocksOwned());
    assertEquals(cidr("10.40.1.1/12"), first, "the lowest address of its lowest block");
  }

  @Test
  void bothSidesOfASplitGoOnAllocatingAndNoAddressIsHeldTwiceAfterTheHeal() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    TestFleet.Host host3 = fleet.join("host3");
    allocate(host2, "warm2");
    allocate(host3, "warm3");
    fleet.split(Set.of("host3"));
    List<Cidr> given = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      given.add(allocate(host1, "one" + i));
      given.add(allocate(host3, "three" + i));
    }
    fleet.heal();
    assertEquals(20, new HashSet<>(given).size(), "twenty addresses, all distinct: " + given);
    for (TestFleet.Host h : fleet.hosts()) {
      assertEquals(List.of(), Conflicts.find(h.holdings().all()), h.name + " sees no conflict");
      assertEquals(22, h.holdings().all().size(), h.name + " sees every holding");
    }
  }

  @Test
  void aMinorityWithoutSpaceIsRefusedClearlyRatherThanGuessing() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    fleet.split(Set.of("host2"));
    WeftException e = assertThrows(WeftException.class, () -> allocate(host2, "c"));
    assertEquals(ErrorCode.OWNER_UNREACHABLE, e.code());
    assertTrue(e.getMessage().contains("host1"), e.getMessage());
    assertTrue(host2.book.heldBy(new Owner("host2", "c")).isEmpty(), "nothing was claimed");
    fleet.heal();
    assertTrue(allocate(host2, "c") != null);
    assertEquals(cidr("10.32.0.1/12"), allocate(host1, "d"));
  }

  @Test
  void aDockerNetworksSubnetGetsItsAddressesFromWhicheverHostOwnsTheirBlock() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    Owner docker1 = Owner.dockerNetworksOf("host1");
    Owner docker2 = Owner.dockerNetworksOf("host2");
    Cidr blue = cidr("10.33.0.0/24"); // block 256: the founder kept the low half of the range

    assertEquals(cidr("10.33.0.1/24"), host1.book.allocateWithin(blue, docker1), "from its own block");
    assertEquals(cidr("10.33.0.2/24"), host2.book.allocateWithin(blue, docker2), "claimed through host1");
    assertEquals(docker2, host1.record.ledger().get(Ipv4.parse("10.33.0.2")), "the block's owner knows");
    assertEquals(cidr("10.32.0.1/12"), host1.book.allocateWithin(AddressRange.DEFAULT.subnet(), docker1),
        "the whole range is the range's own allocation");

    fleet.split(Set.of("host2"));
    WeftException away = assertThrows(WeftException.class, () -> host2.book.allocateWithin(blue, docker2));
    assertEquals(ErrorCode.OWNER_UNREACHABLE, away.code());
    assertEquals(List.of(cidr("10.33.0.2/24")), host2.book.heldBy(docker2), "nothing claimed by the refusal");

    Cidr tiny = cidr("10.33.1.0/30"); // two addresses: .1 and .2
    fleet.heal();
    host1.book.allocateWithin(tiny, docker1);
    host2.book.allocateWithin(tiny, docker2);
    WeftException full = assertThrows(WeftException.class, () -> host1.book.allocateWithin(tiny, docker1));
    assertEquals(ErrorCode.RANGE_FULL, full.code());
  }

  @Test
  void anAddressGivenBackAndHeldAgainByTheSameOwnerStaysInTheFleetsRecordAfterARepublish() {
    TestFleet.Host host1 = fleet.join("host1");
    Owner docker = Owner.dockerNetworksOf("host1"); // every Docker container's addresses on host1
    Cidr first = host1.book.allocate(AddressRange.DEFAULT, docker);
    host1.book.release(List.of(first), docker);
    assertEquals(first, host1.book.allocate(AddressRange.DEFAULT, docker), "the lowest free again");
    host1.book.publish(); // as after a merge
    assertTrue(host1.book.holdings().all().stream().anyMatch(h -> h.cidr().equals(first)),
        "the fleet's record lost an address held again");
  }

  @Test
  void anAddressOfAnotherHostsBlockIsClaimedThroughItAndRefusedWhileItIsAway() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    Owner web = new Owner("host2", "web");
    assertEquals(List.of(cidr("10.32.4.7/12")), host2.book.claim(List.of(cidr("10.32.4.7/12")), web));
    assertEquals(web, host1.record.ledger().get(Ipv4.parse("10.32.4.7")), "the block's owner knows");
    WeftException taken = assertThrows(WeftException.class,
        () -> host1.book.claim(List.of(cidr("10.32.4.7/12")), new Owner("host1", "db")));
    assertEquals(ErrorCode.ADDRESS_IN_USE, taken.code());
    assertTrue(taken.getMessage().startsWith("10.32.4.7 is held by container web on host2"), taken.getMessage());

    fleet.split(Set.of("host2"));
    WeftException away = assertThrows(WeftException.class,
        () -> host2.book.claim(List.of(cidr("10.32.4.9/12"), cidr("10.32.4.8/12")), new Owner("host2", "db")));
    assertEquals(ErrorCode.OWNER_UNREACHABLE, away.code());
    assertTrue(host2.book.heldBy(new Owner("host2", "db")).isEmpty(), "all or nothing");
    host2.book.release(List.of(cidr("10.32.4.7/12")), web);
    assertEquals(1, host2.record.pending().size(), "the release waits for host1");
    fleet.heal();
    assertTrue(host2.record.pending().isEmpty());
    assertFalse(host1.record.ledger().containsKey(Ipv4.parse("10.32.4.7")), "released once host1 was back");
  }

  @Test
  void hostsAllocatingAtOnceNeverGetOneAddressTwice() throws Exception {
    List<TestFleet.Host> hosts = List.of(fleet.join("host1"), fleet.join("host2"), fleet.join("host3"),
        fleet.join("host4"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Cidr>> given = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        TestFleet.Host host = hosts.get(i % 4);
        String container = "c" + i;
        given.add(pool.submit(() -> allocate(host, container)));
      }
      Set<Ipv4> distinct = new HashSet<>();
      for (Future<Cidr> f : given) {
        assertTrue(distinct.add(f.get().address()), "handed out twice: " + f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDeadHostsBlocksGoToTheLivingOnlyOnceItIsGone() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    allocate(host2, "gone");
    int owned = host2.book.space().blocksOwned();
    WeftException alive = assertThrows(WeftException.class, () -> host1.book.removePeer("host2"));
    assertEquals(ErrorCode.HOST_ALIVE, alive.code());
    fleet.kill("host2");
    AddressBook.RemovedPeer removed = host1.book.removePeer("host2");
    assertEquals(owned, removed.blocks());
    assertEquals(1, removed.released());
    assertEquals(4096, host1.book.space().blocksOwned());
    assertEquals(ErrorCode.NO_SUCH_HOST,
        assertThrows(WeftException.class, () -> host1.book.removePeer("host2")).code());
  }

  @Test
  void rmpeerOfAHostThatJustLeftWaitsUntilItsDepartureIsTakenIn() throws Exception {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    allocate(host2, "gone");
    fleet.kill("host2");
    AtomicBoolean leaving = new AtomicBoolean(true);
    AtomicInteger asked = new AtomicInteger();
    host1.book.removeOnlyOnceLeft(name -> {
      asked.incrementAndGet();
      return name.equals("host2") && leaving.get();
    });
    ExecutorService rmpeer = Executors.newSingleThreadExecutor();
    try {
      Future<AddressBook.RemovedPeer> removed = rmpeer.submit(() -> host1.book.removePeer("host2"));
      long end = System.nanoTime() + 5_000_000_000L;
      while (asked.get() < 3 && System.nanoTime() < end) {
        Thread.sleep(10); // polling the condition, bounded above
      }
      assertFalse(removed.isDone(), "removed while its departure was still taken in");
      leaving.set(false);
      assertTrue(removed.get(5, TimeUnit.SECONDS).blocks() > 0);
    } finally {
      rmpeer.shutdownNow();
    }
  }

  @Test
  void aHostRemovedWhileAwayGivesUpItsBlocksWhenItComesBack() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    allocate(host2, "x");
    fleet.split(Set.of("host2"));
    host1.book.removePeer("host2"); // the operator's mistake: host2 was only cut off
    fleet.heal();
    assertEquals(0, host2.book.space().blocksOwned(), "the higher versions won");
    assertEquals(4096, host1.book.space().blocksOwned());
  }

  @Test
  void theRecordOutlivesTheAgent(@TempDir Path state) {
    TestFleet.Host host1 = fleet.join("host1", state);
    Cidr a = allocate(host1, "a");
    host1.book.describe(List.of(a), new Owner("host1", "a"), "02:00:00:00:00:01");
    assertTrue(Files.exists(state.resolve(HostRecord.FILE)));
    HostRecord again = HostRecord.load(state, AddressRange.DEFAULT);
    assertEquals(host1.record.blocks(), again.blocks());
    assertEquals("02:00:00:00:00:01", again.heldBy("a").get(a.address()).mac());
    assertTrue(again.fleet().isPresent());
  }

  @Test
  void aRecordCutShortByACrashIsSetAsideAndTheAgentStarts(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve(HostRecord.FILE), "{\"fleet\": \"2026-12-01T10:00:00Z/x\", \"blo");
    HostRecord record = HostRecord.load(state, AddressRange.DEFAULT);
    assertTrue(record.fleet().isEmpty());
    assertTrue(Files.exists(state.resolve(HostRecord.FILE + ".bad")));
  }

  @Test
  void malformedEntriesInTheFleetsMapsAreSkipped() {
    TestFleet.Host host1 = fleet.join("host1");
    host1.addressMap().put("garbage", "not json");
    host1.addressMap().put("a|b|not-an-ip", "{}");
    host1.blockMap().put("host9", "{\"fleet\": 3}");
    assertEquals(cidr("10.32.0.1/12"), allocate(host1, "a"));
    assertEquals(1, host1.holdings().all().size());
    TestFleet.Host host2 = fleet.join("host2");
    assertTrue(allocate(host2, "b") != null);
  }

  @Test
  void twoFleetsFoundedApartMeetAndTheYoungerTakesSpaceFromTheOlder() {
    TestFleet.Host host1 = fleet.join("host1");
    fleet.split(Set.of("host2"));
    TestFleet.Host host2 = fleet.launchAlone("host2");
    assertEquals(4096, host2.book.space().blocksOwned(), "a fleet of its own");
    Cidr clash = allocate(host2, "b");
    Cidr also = allocate(host1, "a");
    assertEquals(clash, also, "both founders handed out 10.32.0.1");
    fleet.heal();
    assertEquals(0, host2.book.space().blocksOwned(), "the younger fleet gave its blocks up");
    List<Cidr> unreached = new ArrayList<>();
    assertEquals(List.of(clash), host2.book.claimAgain(new Owner("host2", "b"), unreached),
        "the clash is refused, so host2 gives its container a new address");
    assertTrue(unreached.isEmpty());
  }

  @Test
  void aHostWithAnOldRecordOfAFleetOfItsOwnJoinsTheLargerFleetRatherThanTakingItOver() {
    fleet.split(Set.of("old"));
    TestFleet.Host old = fleet.launchAlone("old"); // founded first: the oldest fleet
    fleet.split(Set.of("old", "x")); // the other side starts after, with no one of the first
    TestFleet.Host host1 = fleet.launchAlone("host1");
    TestFleet.Host host2 = fleet.join("host2");
    allocate(host2, "b");
    fleet.heal();
    assertEquals(0, old.book.space().blocksOwned(), "the fleet of one gave up its blocks");
    assertEquals(4096, host1.book.space().blocksOwned() + host2.book.space().blocksOwned());
  }

  @Test
  void aRecordKeptForAnotherRangeIsNotTrusted(@TempDir Path state) {
    TestFleet.Host host1 = fleet.join("host1", state);
    allocate(host1, "a");
    assertTrue(HostRecord.load(state, AddressRange.DEFAULT).fleet().isPresent());
    HostRecord other = HostRecord.load(state, AddressRange.parse("10.40.0.0/16"));
    assertTrue(other.fleet().isEmpty());
    assertTrue(other.blocks().owned().isEmpty());
  }

  @Test
  void addressesOutsideTheRangeClaimedOnBothSidesOfASplitShowAsAConflictWithOneKeeper() {
    TestFleet.Host host1 = fleet.join("host1");
    TestFleet.Host host2 = fleet.join("host2");
    fleet.split(Set.of("host2"));
    host1.book.claim(List.of(cidr("10.99.0.1/24")), new Owner("host1", "web"));
    host2.book.claim(List.of(cidr("10.99.0.1/24")), new Owner("host2", "db"));
    fleet.heal();
    for (TestFleet.Host h : fleet.hosts()) {
      List<Conflicts.Conflict> found = Conflicts.find(h.holdings().all());
      assertEquals(1, found.size(), h.name);
      Holding keeper = found.get(0).keeper();
      assertEquals("host1", keeper.host(), "claimed first");
      assertEquals(1, h.book.space().conflicts().size());
    }
  }

  private static Cidr allocate(TestFleet.Host host, String container) {
    return host.book.allocate(AddressRange.DEFAULT, new Owner(host.name, container));
  }

  private static Cidr cidr(String text) {
    return Cidr.parse(text);
  }
}
