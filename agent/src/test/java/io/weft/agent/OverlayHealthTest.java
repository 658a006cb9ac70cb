package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.agent.cluster.PeerRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class OverlayHealthTest {

  private static final String NO_BRIDGE = "no bridge weft";

  private final Queue<String> kernel = new ArrayDeque<>();
  private final List<String> remade = new ArrayList<>();
  private final List<String> reported = new ArrayList<>();
  private final OverlayHealth health = new OverlayHealth(kernel::remove, broken -> {
    remade.add(broken);
    return PeerRecord.HEALTHY;
  }, reported::add);

  private void check(String found) {
    kernel.add(found);
    health.check();
  }

  @Test
  void aHealthyOverlayIsReportedAndLeftAlone() {
    check(PeerRecord.HEALTHY);
    check(PeerRecord.HEALTHY);
    assertEquals(List.of(PeerRecord.HEALTHY, PeerRecord.HEALTHY), reported);
    assertEquals(List.of(), remade);
  }

  @Test
  void anOverlayBrokenOnceIsReportedForARoundButNotRemade() {
    check(NO_BRIDGE);
    check(PeerRecord.HEALTHY);
    assertEquals(List.of(NO_BRIDGE, PeerRecord.HEALTHY), reported);
    assertEquals(List.of(), remade);
  }

  @Test
  void anOverlayBrokenTwiceInARowIsRemadeAndReportedAsItIsAfter() {
    check(NO_BRIDGE);
    check(NO_BRIDGE);
    assertEquals(List.of(NO_BRIDGE), remade, "the repair is told what was wrong");
    assertEquals(List.of(NO_BRIDGE, PeerRecord.HEALTHY), reported);
  }

  @Test
  void afterARepairItTakesTwoBrokenRoundsAgainBeforeTheNext() {
    check(NO_BRIDGE);
    check(NO_BRIDGE);
    check(NO_BRIDGE);
    assertEquals(1, remade.size());
    check(NO_BRIDGE);
    assertEquals(2, remade.size());
  }

  @Test
  void aRepairThatFailsReportsTheOverlayStillBroken() {
    OverlayHealth failing = new OverlayHealth(kernel::remove, broken -> broken, reported::add);
    kernel.add(NO_BRIDGE);
    failing.check();
    kernel.add(NO_BRIDGE);
    failing.check();
    assertEquals(List.of(NO_BRIDGE, NO_BRIDGE), reported);
  }
}
