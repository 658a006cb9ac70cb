package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import io.weft.testkit.TempPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The wire on three hosts of a fleet launched as users launch one (encrypted, by default): what
 * crosses the underlay between two containers is WireGuard, never plain VXLAN; plain VXLAN forged
 * from a member's address is dropped by the receiving host's guard and delivers nothing; when the
 * underlay between two hosts is cut, their containers reach each other through the third, and go
 * direct again once it heals; and killing or restarting an agent does not stop a stream between
 * containers. Traffic is made and watched with the machine's own tools (tcpdump on the underlay's
 * bridge, socat, ping, iperf3 in the containers' namespaces).
 */
@OwnHosts(hosts = 3)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WireIT {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int VXLAN_PORT = 4789;
  private static final int WIREGUARD_PORT = 6784;
  private static final int VNI = 6783;
  /**
   * The most the stream that crosses the agents' kill, restart and launch again may run: those
   * take 3-25 s (the most with other classes running beside; 47 s once, in a whole run on a loaded
   * machine), and the stream is stopped once it has carried {@link #AFTER_SETTLED_BYTES} more.
   */
  private static final int STREAM_BOUND_SECONDS = 120;
  /** What the stream carries after the fleet settled, acknowledged: 4 s at its 50 Mbit/s. */
  private static final long AFTER_SETTLED_BYTES = 4 * 50_000_000L / 8;
  private static Fleet fleet;
  /** Two hosts with a container each, and the host that relays between them when they are cut. */
  private static FleetHost a;
  private static FleetHost relay;
  private static FleetHost b;
  private static String onA;
  private static String onB;
  private static String addressA;
  private static String addressB;
  private static final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void up(Fleet own) {
    fleet = own.launch(); // as a user would: no option, so encrypted
    a = fleet.host(0);
    relay = fleet.host(1);
    b = fleet.host(2);
    for (FleetHost host : fleet.hosts()) {
      Await.until(host + " lists the three hosts", BOUND, () -> host.peerNames().equals(Set.copyOf(fleet.names())));
    }
    // a pair of agents that start together may first hear each other late, and be relayed for a
    // few seconds until they do: the steady state is what the tests below are about
    for (FleetHost host : fleet.hosts()) {
      for (FleetHost other : fleet.others(host)) {
        Await.until(host + " goes direct to " + other, BOUND, () -> WirePaths.direct(host, other));
      }
    }
    onA = WireTraffic.attached(a);
    onB = WireTraffic.attached(b);
    addressA = a.ethweAddress(onA);
    addressB = b.ethweAddress(onB);
    Await.until(onA + " pings " + addressB, BOUND, () -> a.ping(onA, addressB, 0.5));
  }

  @AfterAll
  static void down() {
    started.forEach(Process::destroyForcibly);
    if (fleet != null) {
      fleet.heal();
    }
  }

  @Test
  @Order(1)
  void aNewFleetIsEncryptedAndStatusAndPeersSaySo() {
    for (FleetHost host : fleet.hosts()) {
      CapturedRun status = host.weft("status");
      assertEquals(0, status.exitCode(), status.err());
      assertTrue(status.out().contains("Wire: encrypted"), status.out());
      JsonObject wire = WirePaths.wireView(host);
      assertTrue(wire.getBoolean("encrypt"), wire.encode());
      for (FleetHost other : fleet.others(host)) {
        JsonObject path = WirePaths.pathTo(host, other);
        assertEquals("direct", path.getString("path"), path.encode());
        assertTrue(path.getBoolean("encrypted"), path.encode());
      }
      CapturedRun peers = host.weft("peers");
      assertEquals(0, peers.exitCode(), peers.err());
      assertTrue(peers.out().contains("direct, encrypted"), peers.out());
    }
  }

  @Test
  @Order(2)
  void aMarkerBetweenContainersCrossesTheUnderlayOnlyInsideWireGuard() throws Exception {
    String marker = "weft-marker-" + UUID.randomUUID();
    try (ContainerDatagrams received = ContainerDatagrams.listen(b, onB, 7777);
        UnderlayCapture capture = UnderlayCapture.between(a, b)) {
      received.sendUntilReceived(a, onA, marker, addressB, 7777);
      capture.stopOnceAnyCaptured();
      int wireguard = capture.count("udp port " + WIREGUARD_PORT);
      int vxlan = capture.count("udp port " + VXLAN_PORT);
      System.out.println("FIGURE underlay between " + a + " and " + b + " while the marker crossed: "
          + wireguard + " WireGuard datagrams, " + vxlan + " plain VXLAN datagrams");
      assertTrue(wireguard > 0, "the capture saw the hosts' WireGuard traffic");
      assertEquals(0, vxlan, "no plain VXLAN between the hosts:\n" + capture.packets("udp port " + VXLAN_PORT));
      assertFalse(capture.contains(marker), "the marker is not in the capture in clear");
    }
  }

  @Test
  @Order(3)
  void plainVxlanForgedFromAMembersAddressIsDroppedAndDeliversNothing() throws Exception {
    String forged = "weft-forged-" + UUID.randomUUID();
    try (ContainerDatagrams received = ContainerDatagrams.listen(b, onB, 7778)) {
      long before = sealedDrops(b);
      // from the machine's side of the underlay, with host a's address as its source: what anyone
      // on the path can send; its frame is for b's container, from a's container's address
      byte[] datagram = forgedVxlan(a.address(), b.address(), b.ethweMac(onB), addressA, addressB, 7778, forged);
      HostProcess.of("python3", "-c", "import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_RAW,"
          + " socket.IPPROTO_RAW); s.sendto(bytes.fromhex(sys.argv[1]), (sys.argv[2], 0))",
          HexFormat.of().formatHex(datagram), b.address()).run();
      Await.until(b + "'s guard drops the forged datagram", BOUND, () -> sealedDrops(b) > before);
      // a genuine datagram sent after it arrives; the forged one never did
      received.sendUntilReceived(a, onA, "weft-genuine-" + UUID.randomUUID(), addressB, 7778);
      assertFalse(received.got().contains(forged), received.got());
    }
  }

  @Test
  @Order(4)
  void aCutPairIsRelayedWithinSecondsAndGoesDirectAgainAfterTheHeal() {
    assertTrue(a.ping(onA, addressB, 1), "direct before the cut");
    long cutAt = System.nanoTime();
    fleet.cutPair(a, b);
    assertFalse(HostProcess.of("ip", "netns", "exec", a.netns(), "ping", "-c", "1", "-W", "1", b.address())
        .runAllowingFailure().exitCode() == 0, "the underlay between the two is cut");
    Await.until(a + " and " + b + " relayed through " + relay, BOUND,
        () -> WirePaths.relayedVia(a, b, relay) && WirePaths.relayedVia(b, a, relay));
    Duration flowing = Await.until(onA + " pings " + addressB + " through " + relay, BOUND,
        () -> a.ping(onA, addressB, 0.3));
    System.out.printf("FIGURE cut to traffic flowing through the relay: %d ms (the path relayed %d ms after the cut)%n",
        (System.nanoTime() - cutAt) / 1_000_000, (System.nanoTime() - cutAt) / 1_000_000 - flowing.toMillis());
    assertTrue(b.ping(onB, addressA, 1), "and back");
    CapturedRun peers = a.weft("peers");
    assertTrue(peers.out().contains("relayed via " + relay.name() + ", encrypted"), peers.out());
    // the cluster lives through the cut too: its member and bus connections ride the relay
    Await.until(a + " still lists " + b, BOUND, () -> a.peerNames().equals(Set.copyOf(fleet.names())));
    CapturedRun remote = a.weft("--host", b.name(), "status");
    assertEquals(0, remote.exitCode(), remote.err());

    long healAt = System.nanoTime();
    fleet.heal();
    Await.until(a + " and " + b + " direct again", BOUND, () -> WirePaths.direct(a, b) && WirePaths.direct(b, a));
    System.out.println("FIGURE heal to direct again: " + (System.nanoTime() - healAt) / 1_000_000 + " ms");
    assertTrue(a.ping(onA, addressB, 1), "direct after the heal");
    assertTrue(a.weft("peers").out().contains("direct, encrypted"));
  }

  @Test
  @Order(5)
  void aStreamGoesOnWhileAgentsAreKilledRestartedAndLaunchedAgain() throws Exception {
    Path report = TempPaths.file("wire-stream", ".json");
    Process server = started(new ProcessBuilder(WireTraffic.nsenter(b, onB, "iperf3", "-s", "-1", "-p", "5201"))
        .redirectErrorStream(true).redirectOutput(Path.of("/dev/null").toFile()));
    Await.until("iperf3 listens on " + onB, BOUND,
        () -> b.inContainer(onB, "ss", "-Hltn", "sport", "=", "5201").runAllowingFailure().stdout().contains("5201"));
    // a steady stream, not the most the two cores carry: at full speed, with other classes running
    // beside, the cluster's own connections went unacknowledged past their bound (see the note in
    // docs/operations.md) and a restarted agent split from the fleet; that is a matter of its own.
    // A gap shows at any rate: 50 Mbit/s keeps wireguard-go's share of the cores small
    Process client = started(new ProcessBuilder(WireTraffic.nsenter(a, onA, "iperf3", "-c", addressB, "-p", "5201",
        "-t", String.valueOf(STREAM_BOUND_SECONDS), "-i", "0.2", "-b", "50M", "-J")).redirectOutput(report.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT));

    awaitBytesFlowing(a, onA);
    long start = System.nanoTime();
    a.docker().ok("kill", "weft");
    Await.until(a + "'s agent is gone", BOUND, () -> a.docker().ok("ps", "-q", "-f", "name=^weft$").isBlank());
    double killedAt = (System.nanoTime() - start) / 1e9;
    a.docker().ok("start", "weft");
    Await.until(b + " lists " + a + " again", Duration.ofSeconds(60), () -> b.peerNames().contains(a.name()));
    double restartAt = (System.nanoTime() - start) / 1e9;
    b.docker().ok("restart", "weft");
    Await.until(a + " lists " + b + " again", Duration.ofSeconds(60), () -> a.peerNames().contains(b.name()));
    double relaunchAt = (System.nanoTime() - start) / 1e9;
    CapturedRun relaunch = a.weft("launch", "--password-file", fleet.passwordFile().toString(), relay.address());
    assertEquals(0, relaunch.exitCode(), relaunch.err());
    Await.until(b + " lists " + a + " after its launch again", Duration.ofSeconds(60), () -> b.peerNames().contains(a.name()));
    double settledAt = (System.nanoTime() - start) / 1e9;
    long ackedAtSettling = bytesAcked(a, onA);
    Await.until("the stream goes on after the fleet settled", Duration.ofSeconds(60),
        () -> bytesAcked(a, onA) - ackedAtSettling >= AFTER_SETTLED_BYTES);
    assertTrue(client.isAlive(), "the stream ran out its " + STREAM_BOUND_SECONDS + " s before the fleet settled");
    client.destroy(); // iperf3 ends on SIGTERM as on ^C: it reports what it measured and exits 1
    assertTrue(client.waitFor(30, TimeUnit.SECONDS), "the stream ends");
    server.waitFor(10, TimeUnit.SECONDS);
    JsonObject result = new JsonObject(Files.readString(report));
    assertEquals("interrupt - the client has terminated", result.getString("error"), result.encode());
    List<Double> bits = new ArrayList<>();
    result.getJsonArray("intervals").forEach(i -> {
      JsonObject sum = ((JsonObject) i).getJsonObject("sum");
      if (sum.getDouble("seconds") >= 0.1) { // not the sliver the stop cut short
        bits.add(sum.getDouble("bits_per_second"));
      }
    });
    double longestGap = longestSilence(result.getJsonArray("intervals"));
    System.out.printf("FIGURE a stream across the hosts, %s's agent killed at %.1f s and started again, "
        + "%s's restarted at %.1f s, %s launched again at %.1f s, settled at %.1f s: longest gap %.1f s, mean %.0f Mbit/s%n",
        a, killedAt, b, restartAt, a, relaunchAt, settledAt, longestGap,
        bits.stream().mapToDouble(Double::doubleValue).average().orElse(0) / 1e6);
    int last = bits.size() - 1;
    assertTrue(bits.get(last) > 0 && bits.get(last - 1) > 0, "the stream still flows at its end: " + bits);
    Await.until("the fleet whole again", BOUND, () -> a.peerNames().equals(Set.copyOf(fleet.names())));
  }

  @Test
  @Order(6)
  void theLargestPacketTheContainersMtuAllowsCrossesWholeAndALargerOneIsRefusedAloud() {
    int mtu = WirePaths.wireView(a).getInteger("mtu");
    assertEquals(1390, mtu, "a 1500 underlay less VXLAN (50) and WireGuard (60)");
    WireTraffic.largestPacketCrossesAndALargerOneIsRefusedAloud(a, onA, addressB, mtu, BOUND);
  }

  @Test
  @Order(7)
  void wireguardGosContainerRemovedUnderTheAgentIsMadeAgainAndTrafficResumes() {
    assertTrue(a.ping(onA, addressB, 1), "flowing before");
    long removedAt = System.nanoTime();
    a.docker().ok("rm", "-f", "weft-wg");
    Await.until(onA + " pings " + addressB + " again", Duration.ofSeconds(60),
        () -> a.ping(onA, addressB, 0.5));
    System.out.printf("FIGURE weft-wg removed under a running agent: traffic back after %d ms%n",
        (System.nanoTime() - removedAt) / 1_000_000);
    assertFalse(a.docker().ok("ps", "-q", "-f", "name=^weft-wg$").isBlank(), "weft-wg runs again");
    assertTrue(b.ping(onB, addressA, 1), "and back");
    assertTrue(a.agentLog().contains("WireGuard's device made again"), "the agent says what it did");
  }

  @Test
  @Order(8)
  void wireguardGosContainerStoppedUnderTheAgentIsStartedAgainAsItWas() {
    String before = a.docker().ok("ps", "-q", "--no-trunc", "-f", "name=^weft-wg$");
    assertFalse(before.isBlank(), "weft-wg runs");
    // as its engine stops it while stopping: the engine's next start brings back only that
    // container, so the agent must start it rather than make another
    a.docker().ok("stop", "weft-wg");
    Await.until(onA + " pings " + addressB + " again", Duration.ofSeconds(60), () -> a.ping(onA, addressB, 0.5));
    assertEquals(before, a.docker().ok("ps", "-q", "--no-trunc", "-f", "name=^weft-wg$"),
        "the same weft-wg runs again");
  }

  // --- traffic

  private static Process started(ProcessBuilder builder) throws IOException {
    Process p = builder.start();
    started.add(p);
    return p;
  }

  /** Waits until the container's sockets have sent something (the stream is under way). */
  private static void awaitBytesFlowing(FleetHost host, String container) {
    Await.until("the stream flows", BOUND, () -> {
      String out = host.inContainer(container, "ss", "-Htin", "dport", "=", "5201").runAllowingFailure().stdout();
      Matcher sent = Pattern.compile("bytes_sent:(\\d+)").matcher(out);
      long most = 0;
      while (sent.find()) {
        most = Math.max(most, Long.parseLong(sent.group(1)));
      }
      return most > 10_000_000;
    });
  }

  /** The bytes the other end acknowledged on the container's stream to port 5201, so far. */
  private static long bytesAcked(FleetHost host, String container) {
    String out = host.inContainer(container, "ss", "-Htin", "dport", "=", "5201").runAllowingFailure().stdout();
    Matcher acked = Pattern.compile("bytes_acked:(\\d+)").matcher(out);
    long most = 0;
    while (acked.find()) {
      most = Math.max(most, Long.parseLong(acked.group(1)));
    }
    return most;
  }

  /** The longest run of intervals in which nothing arrived, in seconds. */
  private static double longestSilence(JsonArray intervals) {
    double longest = 0;
    double current = 0;
    for (Object o : intervals) {
      JsonObject sum = ((JsonObject) o).getJsonObject("sum");
      if (sum.getLong("bytes") == 0) {
        current += sum.getDouble("seconds");
        longest = Math.max(longest, current);
      } else {
        current = 0;
      }
    }
    return longest;
  }

  // --- the underlay

  /**
   * An IPv4 datagram from {@code from} to {@code to}'s VXLAN port, weft's network identifier, with
   * an Ethernet frame to {@code mac} carrying a UDP datagram {@code src -> dst:port} of {@code text}.
   */
  static byte[] forgedVxlan(String from, String to, String mac, String src, String dst, int port, String text) {
    byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
    byte[] inner = ipv4(src, dst, udp(40000, port, payload));
    ByteBuffer frame = ByteBuffer.allocate(14 + inner.length);
    frame.put(HexFormat.ofDelimiter(":").parseHex(mac)).put(new byte[] {2, 0, 0, 0x0f, 0x0f, 0x0f})
        .putShort((short) 0x0800).put(inner);
    ByteBuffer vxlan = ByteBuffer.allocate(8 + frame.capacity());
    vxlan.put((byte) 0x08).put(new byte[3]).putInt(VNI << 8).put(frame.array());
    return ipv4(from, to, udp(40001, VXLAN_PORT, vxlan.array()));
  }

  private static byte[] udp(int sport, int dport, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
    return u.put(payload).array(); // checksum 0: none, as IPv4 allows
  }

  private static byte[] ipv4(String src, String dst, byte[] udp) {
    ByteBuffer ip = ByteBuffer.allocate(20 + udp.length);
    ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.length)).putShort((short) 1).putShort((short) 0)
        .put((byte) 64).put((byte) 17).putShort((short) 0).put(octets(src)).put(octets(dst));
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += ((ip.get(i) & 0xff) << 8) | (ip.get(i + 1) & 0xff);
    }
    while (sum >> 16 != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    ip.putShort(10, (short) ~sum);
    return ip.put(udp).array();
  }

  private static byte[] octets(String address) {
    byte[] out = new byte[4];
    String[] parts = address.split("\\.");
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  /** What the guard's rule for sealed peers (VXLAN from them not out of WireGuard) has dropped. */
  private static long sealedDrops(FleetHost host) {
    String table = host.inHost("nft", "list", "table", "ip", "weft").run();
    Matcher rule = Pattern.compile("chain sealed \\{\\s*iifname != \"weft-wg\" counter packets (\\d+)").matcher(table);
    assertTrue(rule.find(), table);
    return Long.parseLong(rule.group(1));
  }

  // --- the wire's view
}
