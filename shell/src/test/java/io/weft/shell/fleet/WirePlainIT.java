package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A fleet whose founder chose not to encrypt (for a network they trust), on three hosts: the choice
 * is the founder's alone, every host says it, containers' traffic crosses the underlay as plain
 * VXLAN (a capture finds the marker a container sent, which {@link WireIT} shows an encrypted fleet
 * never lets through), the containers' MTU is the underlay's less VXLAN's overhead alone, and a
 * pair cut from each other is relayed through the third host as in an encrypted fleet.
 */
@OwnHosts(hosts = 3)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WirePlainIT {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static Fleet fleet;
  private static FleetHost a;
  private static FleetHost b;
  private static FleetHost relay;
  private static String onA;
  private static String onB;
  private static String addressB;

  @BeforeAll
  static void up(Fleet own) {
    fleet = own;
    a = fleet.host(0);
    b = fleet.host(1);
    relay = fleet.host(2);
    CapturedRun founded = a.weft("launch", "--no-encrypt");
    assertEquals(0, founded.exitCode(), founded.err());
  }

  @Test
  @Order(1)
  void onlyTheFounderChoosesAJoiningHostCannot() {
    String password = fleet.passwordFile().toString();
    CapturedRun refused = b.weft("launch", "--no-encrypt", "--password-file", password, a.address());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.failedWithOneLine("--no-encrypt is a new fleet's choice"), refused.err());
    assertFalse(b.hasAgentContainer());

    for (FleetHost joining : List.of(b, relay)) {
      CapturedRun joined = joining.weft("launch", "--password-file", password, a.address());
      assertEquals(0, joined.exitCode(), joined.err());
    }
    for (FleetHost host : fleet.hosts()) {
      Await.until(host + " lists every host", BOUND, () -> host.peerNames().equals(Set.copyOf(fleet.names())));
      Await.until(host + " has its wire", BOUND, () -> host.weft("status").out().contains("Wire: not encrypted"));
      Await.until(host + "'s peers show a plain direct path", BOUND,
          () -> host.weft("peers").out().contains("direct, plain"));
    }
    onA = WireTraffic.attached(a);
    onB = WireTraffic.attached(b);
    addressB = b.ethweAddress(onB);
    Await.until(onA + " pings " + addressB, BOUND, () -> a.ping(onA, addressB, 0.5));
  }

  @Test
  @Order(2)
  void aMarkerBetweenContainersCrossesTheUnderlayInClear() throws Exception {
    String marker = "weft-marker-" + UUID.randomUUID();
    try (ContainerDatagrams received = ContainerDatagrams.listen(b, onB, 7777);
        UnderlayCapture capture = UnderlayCapture.between(a, b)) {
      received.sendUntilReceived(a, onA, marker, addressB, 7777);
      capture.stopOnceAnyCaptured();
      int vxlan = capture.count("udp port 4789");
      System.out.println("FIGURE underlay between " + a + " and " + b + " in a plain fleet while the marker crossed: "
          + vxlan + " plain VXLAN datagrams");
      assertTrue(vxlan > 0, capture.packets(""));
      assertTrue(capture.contains(marker), "the marker is in the capture in clear");
    }
  }

  @Test
  @Order(3)
  void theLargestPacketTheContainersMtuAllowsCrossesWholeAndALargerOneIsRefusedAloud() {
    CapturedRun peers = a.weft("peers", "--json");
    int mtu = new JsonObject(peers.out()).getJsonObject("wire").getInteger("mtu");
    assertEquals(1450, mtu, "a 1500 underlay less VXLAN (50)");
    WireTraffic.largestPacketCrossesAndALargerOneIsRefusedAloud(a, onA, addressB, mtu, BOUND);
  }

  @Test
  @Order(4)
  void aCutPairIsRelayedThroughTheThirdHostAndGoesDirectAgainAfterTheHeal() {
    assertTrue(a.ping(onA, addressB, 1), "direct before the cut");
    long cutAt = System.nanoTime();
    fleet.cutPair(a, b);
    Await.until(a + " and " + b + " relayed through " + relay, BOUND,
        () -> WirePaths.relayedVia(a, b, relay) && WirePaths.relayedVia(b, a, relay));
    Await.until(onA + " pings " + addressB + " through " + relay, BOUND, () -> a.ping(onA, addressB, 0.3));
    System.out.printf("FIGURE plain fleet: cut to traffic flowing through the relay: %d ms%n",
        (System.nanoTime() - cutAt) / 1_000_000);
    // the relay's legs go through WireGuard even in a plain fleet: the relay forwards only what comes out of it
    assertTrue(a.weft("peers").out().contains("relayed via " + relay.name() + ", encrypted"), a.weft("peers").out());
    Await.until(a + " still lists " + b, BOUND, () -> a.peerNames().equals(Set.copyOf(fleet.names())));

    long healAt = System.nanoTime();
    fleet.heal();
    Await.until(a + " and " + b + " direct again", BOUND, () -> WirePaths.direct(a, b) && WirePaths.direct(b, a));
    System.out.println("FIGURE plain fleet: heal to direct again: " + (System.nanoTime() - healAt) / 1_000_000 + " ms");
    Await.until(onA + " pings " + addressB + " direct", BOUND, () -> a.ping(onA, addressB, 1));
    assertTrue(a.weft("peers").out().contains("direct, plain"), a.weft("peers").out());
  }

  @AfterAll
  static void heal() {
    if (fleet != null) {
      fleet.heal();
    }
  }

}
