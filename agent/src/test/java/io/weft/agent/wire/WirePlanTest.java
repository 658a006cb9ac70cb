package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WirePlanTest {

  static WireRecord host(String name, boolean encrypt, Map<String, Reach> heard) {
    return new WireRecord(name, "172.29.0.1" + name.charAt(name.length() - 1), "key-" + name, 6784,
        encrypt, "wireguard-go", heard);
  }

  private static final Map<String, Reach> ALL = Map.of();

  @Test
  void everyPairIsDirectWhileEveryHostHearsEveryOther() {
    WirePlan plan = WirePlan.of("host1", List.of(
        host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.UP)),
        host("host2", true, Map.of("host1", Reach.UP, "host3", Reach.UP)),
        host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.UP))));
    assertEquals(List.of(new WirePlan.Path("host2", null, true, false), new WirePlan.Path("host3", null, true, false)),
        plan.paths());
    assertEquals(Map.of("host2", Set.of("host2"), "host3", Set.of("host3")), plan.carried());
  }

  @Test
  void aCutPairGoesThroughTheFirstHostBothHearAndBothEndsAgree() {
    List<WireRecord> hosts = List.of(
        host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.DOWN, "host4", Reach.UP)),
        host("host2", true, Map.of("host1", Reach.UP, "host3", Reach.UP, "host4", Reach.UP)),
        host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.UP, "host4", Reach.UP)),
        host("host4", true, Map.of("host1", Reach.UP, "host2", Reach.UP, "host3", Reach.UP)));
    WirePlan one = WirePlan.of("host1", hosts);
    WirePlan three = WirePlan.of("host3", hosts);
    WirePlan two = WirePlan.of("host2", hosts);
    assertEquals(Optional.of("host2"), one.relay("host1", "host3"), "host1 alone says it; enough");
    assertEquals(one.relay("host1", "host3"), three.relay("host3", "host1"));
    assertEquals(Map.of("host2", Set.of("host2", "host3"), "host3", Set.of(), "host4", Set.of("host4")),
        one.carried());
    assertEquals(Map.of("host1", Set.of(), "host2", Set.of("host1", "host2"), "host4", Set.of("host4")),
        three.carried());
    // the relay talks to both ends through WireGuard, control ports included, and to no one else so
    assertEquals(List.of(new WirePlan.Path("host1", null, true, true), new WirePlan.Path("host3", null, true, true),
        new WirePlan.Path("host4", null, true, false)), two.paths());
    assertEquals("relayed via host2, encrypted", one.paths().get(1).describe());
  }

  @Test
  void inAPlainFleetOnlyTheRelayedPairAndItsLegsGoThroughWireGuard() {
    List<WireRecord> hosts = List.of(
        host("host1", false, Map.of("host2", Reach.UP, "host3", Reach.DOWN)),
        host("host2", false, Map.of("host1", Reach.UP, "host3", Reach.UP)),
        host("host3", false, Map.of("host1", Reach.DOWN, "host2", Reach.UP)),
        host("host4", false, ALL));
    assertEquals(List.of(new WirePlan.Path("host2", null, true, true), new WirePlan.Path("host3", "host2", true, true),
        new WirePlan.Path("host4", null, false, false)), WirePlan.of("host1", hosts).paths());
    assertEquals(new WirePlan.Path("host2", null, false, false),
        WirePlan.of("host4", hosts).paths().get(1), "host4 has nothing to do with it");
  }

  @Test
  void oneEncryptingHostSealsItsPairsEvenInAPlainFleet() {
    WirePlan plan = WirePlan.of("host1", List.of(host("host1", false, ALL), host("host2", true, ALL),
        host("host3", false, ALL)));
    assertTrue(plan.paths().get(0).sealed());
    assertFalse(plan.paths().get(1).sealed());
  }

  @Test
  void aBrokenPairWithNoHostBetweenStaysDirect() {
    WirePlan plan = WirePlan.of("host1", List.of(
        host("host1", true, Map.of("host2", Reach.DOWN, "host3", Reach.UP)),
        host("host2", true, Map.of("host1", Reach.DOWN, "host3", Reach.DOWN)),
        host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.DOWN))));
    assertEquals(Optional.empty(), plan.relay("host1", "host2"));
    assertNull(plan.paths().get(0).via());
  }

  @Test
  void aRelayMustBeHeardNotMerelyUndecided() {
    WirePlan plan = WirePlan.of("host1", List.of(
        host("host1", true, Map.of("host3", Reach.DOWN)),
        host("host2", true, ALL),
        host("host3", true, Map.of("host1", Reach.DOWN))));
    assertEquals(Optional.empty(), plan.relay("host1", "host3"));
  }

  @Test
  void aRelayOneEndHasNotDecidedYetIsNotTaken() {
    // a split healing: host3 hears host2 again and has not decided host1 yet; host1 already says
    // it hears host3, and host2's word on host3 is still the split's
    List<WireRecord> hosts = List.of(
        host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.UP)),
        host("host2", true, Map.of("host1", Reach.UP, "host3", Reach.DOWN)),
        host("host3", true, Map.of("host2", Reach.UP)));
    assertEquals(Optional.empty(), WirePlan.of("host3", hosts).relay("host2", "host3"));
    List<WireRecord> decided = List.of(hosts.get(0), hosts.get(1),
        host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.UP)));
    assertEquals(Optional.of("host1"), WirePlan.of("host3", decided).relay("host2", "host3"),
        "once host3 hears host1, host1 can carry the pair");
  }

  @Test
  void aDeadAgentsLastWordIsNotHeardItsPairsFollowTheLiveEnd() {
    // host2's agent died saying it did not hear host1 (a split then); since, the split healed and
    // host1 hears host2's device again: host2's kernel is direct, and so must the others be
    List<WireRecord> hosts = List.of(
        host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.UP)),
        host("host2", true, Map.of("host1", Reach.DOWN, "host3", Reach.UP)),
        host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.UP)));
    Set<String> live = Set.of("host1", "host3");
    assertEquals(Optional.empty(), WirePlan.of("host1", hosts, live).relay("host1", "host2"));
    assertEquals(Optional.empty(), WirePlan.of("host3", hosts, live).relay("host1", "host2"));
    assertEquals(Optional.of("host3"), WirePlan.of("host1", hosts).relay("host1", "host2"),
        "with host2's agent running, its word counts");
  }

  @Test
  void aCutPairWhoseOneEndsAgentIsDeadKeepsItsRelayAndARunningRelayComesFirst() {
    List<WireRecord> hosts = List.of(
        host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.UP, "host4", Reach.DOWN)),
        host("host2", true, Map.of("host1", Reach.UP, "host4", Reach.UP)),
        host("host3", true, Map.of("host1", Reach.UP, "host4", Reach.UP)),
        host("host4", true, Map.of("host1", Reach.DOWN, "host2", Reach.UP, "host3", Reach.UP)));
    // host4's agent restarts: host1 still does not hear it, so the pair stays relayed
    assertEquals(Optional.of("host2"), WirePlan.of("host1", hosts, Set.of("host1", "host2", "host3"))
        .relay("host1", "host4"));
    // host2's agent restarts: host3 can take the pair up, host2 could not
    assertEquals(Optional.of("host3"), WirePlan.of("host1", hosts, Set.of("host1", "host3", "host4"))
        .relay("host1", "host4"));
  }

  @Test
  void aHostWhoseAgentIsGoneRelaysOnlyThePairsItsKernelCarries() {
    // host1 and host3 stalled for a moment and each stopped hearing the other just as host2's
    // agent was removed; host2's kernel relays nothing, so the pair stays direct
    List<WireRecord> hosts = List.of(
        host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.DOWN)),
        host("host2", true, Map.of("host1", Reach.UP, "host3", Reach.UP)).withRelaying(Set.of()),
        host("host3", true, Map.of("host1", Reach.DOWN, "host2", Reach.UP)));
    Set<String> live = Set.of("host1", "host3");
    assertEquals(Optional.empty(), WirePlan.of("host1", hosts, live).relay("host1", "host3"));
    assertEquals(Optional.of("host2"), WirePlan.of("host1", hosts).relay("host1", "host3"),
        "with host2's agent running it relays");
    // host2's agent died while relaying the pair: its kernel still carries it
    List<WireRecord> relaying = List.of(hosts.get(0),
        hosts.get(1).withRelaying(Set.of("host1|host3")), hosts.get(2));
    assertEquals(Optional.of("host2"), WirePlan.of("host1", relaying, live).relay("host1", "host3"));
    assertEquals(Optional.of("host2"), WirePlan.of("host3", relaying, live).relay("host1", "host3"));
    assertEquals(Set.of("host1|host3"), WirePlan.of("host2", relaying).relayedThrough("host2"));
  }
}
