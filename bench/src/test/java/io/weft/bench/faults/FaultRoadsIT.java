package io.weft.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.SharedFleet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each road of the fault suite once, on a launched fleet of three sandbox hosts whose every host
 * attaches, detaches, restarts and removes containers throughout: an agent killed, a host cut off
 * and healed, a host restarted. After each the whole fleet must be right within a bound: no
 * address held twice, no leaked veth, claim or block, forwarding entries as they should be, every
 * host answering. {@code bench/run faults} runs many such rounds and prints figures.
 */
@SharedFleet
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultRoadsIT {

  private static FleetHost first;
  private static FleetHost second;
  private static FleetHost third;
  private static FaultRound round;

  @BeforeAll
  static void fleet(Fleet shared) {
    first = shared.host(0);
    second = shared.host(1);
    third = shared.host(2);
    Map<String, DockerClient> engines = new TreeMap<>();
    shared.hosts().forEach(h -> engines.put(h.name(), h.engine()));
    round = new FaultRound(shared.sandbox(), engines, 4096);
  }

  @Test
  @Order(1)
  void anAgentKilledWhileContainersComeAndGo() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.KILL, second.name()), 1));
  }

  @Test
  @Order(2)
  void aHostCutOffWhileBothSidesAttach() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.SPLIT, third.name()), 2));
  }

  @Test
  @Order(3)
  void theMajoritysSideCutOffTooWhileBothSidesAttach() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.SPLIT, first.name()), 3));
  }

  @Test
  @Order(4)
  void aHostThatLosesPowerAndBoots() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.RESTART, second.name()), 4));
  }

  private static void assertRight(FaultRound.Result r) {
    System.out.println("FIGURE " + r.fault() + ": " + r.attaches() + " attaches, " + r.detaches() + " detaches, "
        + r.restarts() + " restarts, " + r.failures() + " refused or failed during the fault; right again after "
        + r.heal().toMillis() + " ms");
    assertTrue(r.attaches() > 0, "the workload attached containers");
    assertTrue(r.healed(), "not right within " + FaultRound.HEAL_BOUND.toSeconds() + " s: " + r.check().problems());
    assertEquals(0, r.check().duplicates());
    assertEquals(0, r.check().leaks());
  }
}
