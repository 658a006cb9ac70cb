package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An encrypted fleet on an underlay of jumbo frames (9000 bytes): the containers' MTU follows
 * (less VXLAN and WireGuard), the largest packet it allows crosses whole, a larger one with
 * don't-fragment set is refused aloud, and a bulk TCP transfer crosses. Two hosts of the run's
 * sandbox whose underlay links are 9000 bytes, the rest's 1500.
 */
@OwnHosts(hosts = 2, mtu = 9000)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
class WireJumboIT {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static FleetHost a;
  private static FleetHost b;
  private static String onA;
  private static String onB;
  private static String addressB;

  @BeforeAll
  static void up(Fleet own) {
    Fleet fleet = own.launch(); // encrypted, as a user launches it
    a = fleet.host(0);
    b = fleet.host(1);
    onA = WireTraffic.attached(a);
    onB = WireTraffic.attached(b);
    addressB = b.ethweAddress(onB);
    Await.until(onA + " pings " + addressB, BOUND, () -> a.ping(onA, addressB, 0.5));
  }

  @Test
  void theContainersMtuFollowsTheJumboUnderlayAndItsLargestPacketCrossesWhole() {
    JsonObject wire = WirePaths.wireView(a);
    assertEquals(9000, wire.getInteger("underlayMtu"));
    int mtu = wire.getInteger("mtu");
    assertEquals(8890, mtu, "9000 less VXLAN (50) and WireGuard (60)");
    assertEquals(8940, wire.getInteger("wireguardMtu"));
    WireTraffic.largestPacketCrossesAndALargerOneIsRefusedAloud(a, onA, addressB, mtu, BOUND);
  }

  @Test
  void aBulkTcpTransferCrosses() {
    HostProcess.of(WireTraffic.nsenter(b, onB, "iperf3", "-s", "-1", "-D", "-p", "5202")).run();
    JsonObject[] report = new JsonObject[1];
    Await.until("iperf3 from " + onA + " to " + addressB, BOUND, () -> {
      ProcessResult run = HostProcess.of(WireTraffic.nsenter(a, onA, "iperf3", "-c", addressB, "-p", "5202", "-t", "3", "-J"))
          .timeoutSeconds(30).runAllowingFailure();
      report[0] = run.exitCode() == 0 ? new JsonObject(run.stdout()) : null; // its server may not listen yet
      return report[0] != null;
    });
    JsonObject received = report[0].getJsonObject("end").getJsonObject("sum_received");
    System.out.printf("FIGURE jumbo underlay, encrypted: iperf3 between containers %.0f Mbit/s%n",
        received.getDouble("bits_per_second") / 1e6);
    assertTrue(received.getLong("bytes") > 10_000_000, report[0].getJsonObject("end").encode());
  }
}
