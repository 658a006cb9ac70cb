package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What {@code ./weft demo} does once its sandbox is up, the README's first command, on three hosts
 * of the run's sandbox: every step succeeds and both of its pings across hosts are answered (a
 * failed step or an unanswered ping stops the demo). Making a sandbox is SandboxIT's; the demo
 * makes one of its own, which in a run would stop every other class for half a minute.
 */
@OwnHosts(hosts = 3)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
class DemoIT {

  private static List<FleetHost> hosts;

  @BeforeAll
  static void hosts(Fleet own) {
    hosts = own.hosts();
  }

  @Test
  void theDemoWalksThroughAndItsContainersReachEachOtherAcrossHosts() {
    DemoCommand.walk(hosts.stream().map(FleetHost::sandboxHost).toList());
    for (FleetHost host : hosts) {
      CapturedRun ps = host.weft("ps");
      assertEquals(0, ps.exitCode(), ps.err());
      assertTrue(ps.out().contains("demo-" + host.name()), host + ": " + ps.out());
    }
    assertTrue(hosts.get(1).weft("ps").out().contains("demo-docker"), "the container Docker put on weft");
  }
}
