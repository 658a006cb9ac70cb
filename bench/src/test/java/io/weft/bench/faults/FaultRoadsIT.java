package io.weft.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxLock;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultRoadsIT {

  private static Sandbox sandbox;
  private static final Map<String, DockerClient> engines = new TreeMap<>();
  private static FaultRound round;

  @BeforeAll
  static void launchTheFleet() {
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    sandbox = new Sandbox(Sandbox.DEFAULT_STATE_ROOT, line -> System.out.println("sandbox: " + line));
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(Path.of(System.getProperty("weft.home"))));
    hosts.forEach(h -> engines.put(h.name(), DockerClients.forHost(h.dockerHost())));
    for (int i = 0; i < hosts.size(); i++) {
      System.setProperty(DockerClients.HOST_PROPERTY, hosts.get(i).dockerHost());
      int status = i == 0 ? WeftCli.run("launch") : WeftCli.run("launch", hosts.get(i - 1).address());
      assertEquals(0, status, "launch on " + hosts.get(i).name());
    }
    System.clearProperty(DockerClients.HOST_PROPERTY);
    round = new FaultRound(sandbox, engines, 4096);
  }

  @AfterAll
  static void down() throws Exception {
    for (DockerClient engine : engines.values()) {
      engine.close();
    }
    if (sandbox != null && !sandbox.hosts().isEmpty()) {
      sandbox.down();
    }
  }

  @Test
  @Order(1)
  void anAgentKilledWhileContainersComeAndGo() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.KILL, "host2"), 1));
  }

  @Test
  @Order(2)
  void aHostCutOffWhileBothSidesAttach() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.SPLIT, "host3"), 2));
  }

  @Test
  @Order(3)
  void theMajoritysSideCutOffTooWhileBothSidesAttach() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.SPLIT, "host1"), 3));
  }

  @Test
  @Order(4)
  void aHostThatLosesPowerAndBoots() throws Exception {
    assertRight(round.run(new Fault(Fault.Kind.RESTART, "host2"), 4));
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
