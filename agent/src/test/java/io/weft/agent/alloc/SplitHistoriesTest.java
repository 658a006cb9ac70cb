package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.Holding;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The split-brain rules, on fleets in memory: two sides of a split each live a history of their
 * own (allocations, releases, rmpeer of a host of the other side, claims outside the range), in
 * every interleaving of the two; the fleet heals keeping either side's copies, and the hosts
 * follow in either order. Every run must end alike: each block owned by one host at most, every
 * copy of the maps the same, the same holdings, and no address held twice but those the
 * conflict rule settles, the same way everywhere.
 */
class SplitHistoriesTest {

  private static final AddressRange RANGE = AddressRange.parse("10.40.0.0/24");
  private static final List<String> HOSTS = List.of("host1", "host2", "host3");

  /** One step of a side's history, named for the failure message. */
  private record Step(String name, Consumer<TestFleet> act) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What a run ends with that must not depend on the order. */
  private record Outcome(Map<Integer, String> owners, Set<String> holdings, List<String> conflicts) {}

  private static Step allocate(String host, String container) {
    return new Step(host + " allocates " + container,
        f -> f.host(host).book.allocate(RANGE, new Owner(host, container)));
  }

  private static Step release(String host, String container) {
    return new Step(host + " releases " + container,
        f -> f.host(host).book.releaseAll(new Owner(host, container)));
  }

  private static Step rmpeer(String by, String removed) {
    return new Step(by + " removes " + removed, f -> f.host(by).book.removePeer(removed));
  }

  private static Step claim(String host, String container, String cidr) {
    return new Step(host + " claims " + cidr,
        f -> f.host(host).book.claim(List.of(Cidr.parse(cidr)), new Owner(host, container)));
  }

  /** host1, host2 and host3, each with a container, then host3 cut off from the other two. */
  private static TestFleet splitFleet() {
    TestFleet fleet = new TestFleet(RANGE);
    for (String host : HOSTS) {
      fleet.join(host);
      fleet.host(host).book.allocate(RANGE, new Owner(host, "warm"));
    }
    fleet.split(Set.of("host3"));
    return fleet;
  }

  @Test
  void allocationsReleasesAndAnRmpeerOfTheOtherSideEndAlikeInEveryOrder() {
    Set<Outcome> outcomes = runEveryOrder(
        List.of(allocate("host1", "a"), release("host2", "warm"), rmpeer("host1", "host3")),
        List.of(allocate("host3", "c"), release("host3", "warm"), allocate("host3", "d")));
    assertEquals(1, outcomes.size(), "the order changed the outcome: " + outcomes);
    Outcome outcome = outcomes.iterator().next();
    assertEquals(List.of(), outcome.conflicts());
    assertTrue(outcome.owners().values().stream().noneMatch("host3"::equals),
        "host3's blocks are host1's, taken at a higher version: " + outcome.owners());
    assertTrue(outcome.holdings().stream().anyMatch(h -> h.startsWith("host3|d|")),
        "host3's container keeps its address: " + outcome.holdings());
  }

  @Test
  void eachSideRemovingAHostOfTheOtherEndsAlikeInEveryOrder() {
    Set<Outcome> outcomes = runEveryOrder(
        List.of(rmpeer("host1", "host3"), allocate("host2", "b"), allocate("host1", "a")),
        List.of(allocate("host3", "c"), rmpeer("host3", "host2"), allocate("host3", "d")));
    assertEquals(1, outcomes.size(), "the order changed the outcome: " + outcomes);
    assertEquals(List.of(), outcomes.iterator().next().conflicts());
  }

  @Test
  void oneAddressClaimedOnBothSidesIsSettledTheSameWayEverywhereInEveryOrder() {
    Set<Outcome> outcomes = runEveryOrder(
        List.of(claim("host1", "x", "192.168.9.9/24"), allocate("host2", "b")),
        List.of(allocate("host3", "c"), claim("host3", "y", "192.168.9.9/24")));
    // who claimed first differs with the order, so the keeper does; that each run settles it once does not
    for (Outcome outcome : outcomes) {
      assertEquals(1, outcome.conflicts().size(), outcome.toString());
    }
  }

  /** Runs the two histories in every interleaving, healing with each side's copies kept, hosts following both ways. */
  private static Set<Outcome> runEveryOrder(List<Step> near, List<Step> far) {
    Set<Outcome> outcomes = new java.util.HashSet<>();
    int runs = 0;
    for (List<Step> interleaving : interleavings(near, far)) {
      for (int winner : List.of(0, 1)) {
        for (List<String> order : List.of(HOSTS, List.of("host3", "host2", "host1"))) {
          TestFleet fleet = splitFleet();
          interleaving.forEach(step -> step.act().accept(fleet));
          fleet.healKeeping(winner, order);
          outcomes.add(outcomeOf(fleet, interleaving + " kept side " + winner + ", following " + order));
          runs++;
        }
      }
    }
    assertEquals(interleavings(near, far).size() * 4, runs);
    return outcomes;
  }

  /** The outcome, checked for what must hold in every run. */
  private static Outcome outcomeOf(TestFleet fleet, String run) {
    Map<Integer, String> owners = new TreeMap<>();
    for (TestFleet.Host h : fleet.hosts()) {
      for (int index : h.record.blocks().owned().keySet()) {
        String before = owners.put(index, h.name);
        assertEquals(null, before, run + ": block " + index + " owned by " + before + " and " + h.name);
      }
    }
    TestFleet.Host first = fleet.hosts().get(0);
    for (TestFleet.Host h : fleet.hosts()) {
      assertEquals(Map.copyOf(first.blockMap()), Map.copyOf(h.blockMap()), run + ": " + h.name + "'s directory");
      assertEquals(Map.copyOf(first.addressMap()), Map.copyOf(h.addressMap()), run + ": " + h.name + "'s holdings");
    }
    List<Holding> all = first.holdings().all();
    List<String> conflicts = new ArrayList<>();
    for (Conflicts.Conflict c : Conflicts.find(all)) {
      assertTrue(!RANGE.subnet().contains(c.address()), run + ": " + c.address() + " of the range held twice");
      conflicts.add(c.address().toString());
    }
    Set<String> holdings = new TreeSet<>();
    all.forEach(h -> holdings.add(h.host() + "|" + h.container() + "|" + h.cidr()));
    for (TestFleet.Host h : fleet.hosts()) {
      List<Owner> again = h.book.follow();
      assertEquals(List.of(), again, run + ": " + h.name + " had more to follow");
    }
    return new Outcome(owners, holdings, conflicts);
  }

  private static List<List<Step>> interleavings(List<Step> a, List<Step> b) {
    List<List<Step>> all = new ArrayList<>();
    interleave(a, 0, b, 0, new ArrayList<>(), all);
    return all;
  }

  private static void interleave(List<Step> a, int i, List<Step> b, int j, List<Step> sofar, List<List<Step>> all) {
    if (i == a.size() && j == b.size()) {
      all.add(List.copyOf(sofar));
      return;
    }
    if (i < a.size()) {
      sofar.add(a.get(i));
      interleave(a, i + 1, b, j, sofar, all);
      sofar.remove(sofar.size() - 1);
    }
    if (j < b.size()) {
      sofar.add(b.get(j));
      interleave(a, i, b, j + 1, sofar, all);
      sofar.remove(sofar.size() - 1);
    }
  }
}
