package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.process.ProcessResult;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Await;
import io.weft.testkit.FleetHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Containers and traffic as the wire ITs make them, with the machine's own tools. */
final class WireTraffic {

  private WireTraffic() {}

  /** A sleeping container on {@code host}, attached to weft with an automatic address; its id. */
  static String attached(FleetHost host) {
    String id = host.container();
    CapturedRun run = host.weft("attach", id);
    assertEquals(0, run.exitCode(), run.err());
    return id;
  }

  /** A process in a container's network namespace, with the machine's programs. */
  static List<String> nsenter(FleetHost host, String container, String... command) {
    List<String> argv = new ArrayList<>(List.of("nsenter", "--net=/proc/" + host.pid(container) + "/ns/net"));
    argv.addAll(List.of(command));
    return argv;
  }

  /**
   * The container's interface has {@code mtu}; a don't-fragment ping of the largest size it allows
   * reaches {@code address}, and one a byte larger gets "message too long", never silence.
   */
  static void largestPacketCrossesAndALargerOneIsRefusedAloud(FleetHost host, String container, String address,
      int mtu, Duration bound) {
    assertTrue(host.inContainer(container, "ip", "-o", "link", "show", "dev", "ethwe").run()
        .contains(" mtu " + mtu + " "), "the container's interface has the fleet's MTU");
    int largest = mtu - 28; // IPv4 and ICMP headers
    Await.until("a don't-fragment ping of " + largest + " bytes crosses", bound, () -> host.inContainer(container,
        "ping", "-M", "do", "-c", "1", "-W", "1", "-s", String.valueOf(largest), address)
        .runAllowingFailure().exitCode() == 0);
    ProcessResult larger = host.inContainer(container, "ping", "-M", "do", "-c", "1", "-W", "1", "-s",
        String.valueOf(largest + 1), address).runAllowingFailure();
    assertFalse(larger.exitCode() == 0, larger.stdout());
    assertTrue((larger.stdout() + larger.stderr()).toLowerCase().contains("message too long"),
        larger.stdout() + larger.stderr());
  }
}
