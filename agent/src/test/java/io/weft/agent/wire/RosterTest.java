package io.weft.agent.wire;

import static io.weft.agent.wire.WirePlanTest.host;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RosterTest {

  private static final long S = 1_000_000_000L;

  private static Map<String, WireRecord> records(WireRecord... rs) {
    Map<String, WireRecord> m = new HashMap<>();
    for (WireRecord r : rs) {
      m.put(r.name(), r);
    }
    return m;
  }

  private static List<String> names(List<WireRecord> in) {
    return in.stream().map(WireRecord::name).toList();
  }

  @Test
  void aHostWhoseAgentDiedStaysWhileItIsHeardHereOrByAMember() {
    Map<String, WireRecord> all = records(host("host1", true, Map.of()),
        host("host2", true, Map.of("host3", Reach.UP)), host("host3", true, Map.of()));
    assertEquals(List.of("host1", "host2", "host3"), names(Roster.inDataPlane("host1", all,
        Set.of("host1", "host2"), Map.of(), Set.of(), Map.of(), 0)), "host2, a member, hears host3");
    Map<String, WireRecord> unheard = records(host("host1", true, Map.of()),
        host("host2", true, Map.of("host3", Reach.DOWN)), host("host3", true, Map.of()));
    assertEquals(List.of("host1", "host2", "host3"), names(Roster.inDataPlane("host1", unheard,
        Set.of("host1", "host2"), Map.of("host3", Reach.UP), Set.of(), Map.of(), 0)), "heard here");
    assertEquals(List.of("host1", "host2"), names(Roster.inDataPlane("host1", unheard,
        Set.of("host1", "host2"), Map.of("host3", Reach.DOWN), Set.of(), Map.of(), 0)), "heard by nobody");
  }

  @Test
  void aHostRemovedWithRmpeerIsOutWhoeverHearsIt() {
    Map<String, WireRecord> all = records(host("host1", true, Map.of()), host("host3", true, Map.of()));
    assertEquals(List.of("host1"), names(Roster.inDataPlane("host1", all, Set.of("host1", "host3"),
        Map.of("host3", Reach.UP), Set.of("host3"), Map.of(), 0)));
  }

  @Test
  void wordFromAHostOutsideTheClusterCountsOnlyForAMinuteAfterItLeft() {
    // host3 was dropped from the cluster; it hears host2 directly, and host2's last entry says it hears host1
    Map<String, WireRecord> all = records(host("host1", true, Map.of()),
        host("host2", true, Map.of("host1", Reach.UP)), host("host3", true, Map.of()));
    Map<String, Reach> heard = Map.of("host2", Reach.UP, "host1", Reach.DOWN);
    Map<String, Long> out = Map.of("host1", 0L, "host2", 0L);
    assertEquals(List.of("host1", "host2", "host3"),
        names(Roster.inDataPlane("host3", all, Set.of("host3"), heard, Set.of(), out, 30 * S)));
    assertEquals(List.of("host2", "host3"),
        names(Roster.inDataPlane("host3", all, Set.of("host3"), heard, Set.of(), out, 61 * S)));
  }
}
