package io.weft.agent.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weft.agent.netlink.NetNs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NfTables;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard in a fresh pair of namespaces, checked with {@code nft} and with datagrams: VXLAN from
 * an address that is no peer's is counted and dropped; once the address is a peer's, it passes.
 */
class VxlanGuardRootTest {

  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String guarded = "weft-g-" + id;
  private final String sender = "weft-s-" + id;

  @BeforeEach
  void namespaces() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/self/status")).lines()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0")), "needs root");
    assumeTrue(Netlink.isAvailable());
    run("ip", "netns", "add", guarded);
    run("ip", "netns", "add", sender);
    run("ip", "-n", guarded, "link", "add", "g0", "type", "veth", "peer", "name", "s0", "netns", sender);
    run("ip", "-n", guarded, "addr", "add", "10.99.7.1/24", "dev", "g0");
    run("ip", "-n", sender, "addr", "add", "10.99.7.2/24", "dev", "s0");
    run("ip", "-n", guarded, "link", "set", "g0", "up");
    run("ip", "-n", sender, "link", "set", "s0", "up");
    // the pair answers (its neighbours known) before a test counts a single datagram across it:
    // on a loaded machine the first one could otherwise wait a second for ARP
    run("ip", "netns", "exec", sender, "ping", "-c", "1", "-w", "5", "10.99.7.1");
  }

  @AfterEach
  void remove() throws Exception {
    run("ip", "netns", "del", sender);
    run("ip", "netns", "del", guarded);
  }

  @Test
  void aGuardLeftByAnEarlierAgentGainsHostsAndKeepsThoseItHad() throws Exception {
    try (NetNs ns = NetNs.named(guarded); NfTables nft = NfTables.open(ns)) {
      new VxlanGuard(nft, "weft-wg", 6784).allowOnly(Set.of(InetAddress.getByName("10.99.7.9")),
          Set.of(InetAddress.getByName("10.99.7.9")), Set.of(), 4789, 6783);
      VxlanGuard next = new VxlanGuard(nft, "weft-wg", 6784); // the agent started again
      sendVxlanDatagram();
      assertEquals(1, dropped(), "10.99.7.2 is no peer of the earlier guard");
      next.alsoAllow(Set.of(InetAddress.getByName("10.99.7.2")), Set.of(), Set.of());
      String listed = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      assertTrue(listed.contains("10.99.7.2") && listed.contains("10.99.7.9"), listed);
      sendVxlanDatagram();
      assertEquals(1, dropped(), "let in now; the counter is the earlier guard's still");
      next.alsoAllow(Set.of(InetAddress.getByName("10.99.7.2")), Set.of(), Set.of());
      assertTrue(run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft").contains("10.99.7.9"),
          "adding again is harmless");
    }
  }

  @Test
  void aGuardOfTheSetsBeforeTheMapGainsHostsAndAPeerSealedSinceWaitsForTheWholeTable() throws Exception {
    // the guard an agent before the verdict map left: peers and sealed were sets
    run("ip", "netns", "exec", guarded, "bash", "-c", "nft -f - <<'EOF'\n"
        + "table ip weft {\n"
        + "  set peers { type ipv4_addr; elements = { 10.99.7.9 } }\n"
        + "  set sealed { type ipv4_addr; }\n"
        + "  chain input { type filter hook input priority filter; policy accept;\n"
        + "    udp dport 4789 @th,96,24 0x1a7f ip saddr != @peers counter drop\n"
        + "    udp dport 4789 @th,96,24 0x1a7f iifname != \"weft-wg\" ip saddr @sealed counter drop\n"
        + "  }\n"
        + "}\nEOF\n");
    try (NetNs ns = NetNs.named(guarded); NfTables nft = NfTables.open(ns)) {
      VxlanGuard next = new VxlanGuard(nft, "weft-wg", 6784);
      sendVxlanDatagram();
      assertEquals(1, dropped(), "10.99.7.2 is no peer of the earlier guard");
      next.alsoAllow(Set.of(InetAddress.getByName("10.99.7.2")), Set.of(), Set.of());
      sendVxlanDatagram();
      assertEquals(1, dropped(), "let in by the older guard's set");

      // this guard's own map: a peer it holds as plain, sealed since, is left for the whole table
      next.allowOnly(Set.of(InetAddress.getByName("10.99.7.2")), Set.of(), Set.of(), 4789, 6783);
      VxlanGuard third = new VxlanGuard(nft, "weft-wg", 6784);
      third.alsoAllow(Set.of(InetAddress.getByName("10.99.7.2"), InetAddress.getByName("10.99.7.8")),
          Set.of(InetAddress.getByName("10.99.7.2")), Set.of());
      String listed = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      // the new peer added alone; the one sealed since kept as the kernel had it
      assertTrue(listed.contains("10.99.7.2 : accept") && listed.contains("10.99.7.8 : accept"), listed);
      third.allowOnly(Set.of(InetAddress.getByName("10.99.7.2")), Set.of(InetAddress.getByName("10.99.7.2")),
          Set.of(), 4789, 6783);
      assertTrue(run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft")
          .contains("elements = { 10.99.7.2 : jump sealed }"));
    }
  }

  @Test
  void vxlanFromAnAddressThatIsNoPeersIsDroppedUntilItIs() throws Exception {
    try (NetNs ns = NetNs.named(guarded); NfTables nft = NfTables.open(ns)) {
      VxlanGuard guard = new VxlanGuard(nft, "weft-wg", 6784);
      assertTrue(!guard.present());
      guard.allowOnly(Set.of(InetAddress.getByName("10.99.7.9")), Set.of(), Set.of(), 4789, 6783);
      assertTrue(guard.present());
      String listed = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      assertTrue(listed.contains("elements = { 10.99.7.9 : accept }"), listed);
      assertTrue(listed.contains("type filter hook input priority filter; policy accept;"), listed);
      assertTrue(listed.contains("udp dport 4789 @th,96,24 0x1a7f ip saddr vmap @peers\n"), listed);
      assertTrue(listed.contains("udp dport 4789 @th,96,24 0x1a7f counter packets 0 bytes 0 drop"), listed);

      sendVxlanDatagram();
      assertEquals(1, dropped());
      sendDatagram(OTHER_NETWORK);
      assertEquals(1, dropped(), "another VXLAN network is none of weft's business");

      guard.allowOnly(Set.of(InetAddress.getByName("10.99.7.9"), InetAddress.getByName("10.99.7.2")), Set.of(), Set.of(), 4789, 6783);
      assertEquals(0, dropped(), "the table is made anew");
      sendVxlanDatagram();
      assertEquals(0, dropped());
      String now = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      assertTrue(now.contains("10.99.7.2") && now.contains("10.99.7.9"), now);

      guard.allowOnly(Set.of(), Set.of(), Set.of(), 4789, 6783);
      sendVxlanDatagram();
      assertEquals(1, dropped());

      nft.delete(VxlanGuard.TABLE);
      nft.delete(VxlanGuard.TABLE); // gone already: no error
      assertNotEquals(0, exit("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft"));
    }
  }

  @Test
  void vxlanFromASealedPeerIsTakenOnlyOutOfWireGuardAndForwardingStaysInsideIt() throws Exception {
    try (NetNs ns = NetNs.named(guarded); NfTables nft = NfTables.open(ns)) {
      VxlanGuard guard = new VxlanGuard(nft, "weft-wg", 6784);
      InetAddress peer = InetAddress.getByName("10.99.7.2");
      guard.allowOnly(Set.of(peer), Set.of(peer), Set.of(), 4789, 6783);
      String listed = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      assertTrue(listed.contains("elements = { 10.99.7.2 : jump sealed }"), listed);
      assertTrue(listed.contains("chain sealed {\n\t\tiifname != \"weft-wg\" counter packets 0 bytes 0 drop\n\t\taccept\n"), listed);
      assertTrue(listed.contains("iifname \"weft-wg\" oifname != \"weft-wg\" counter packets 0 bytes 0 drop"), listed);

      // counters in the order listed: strangers' VXLAN, forwarding out of WireGuard, sealed off the underlay
      sendVxlanDatagram();
      assertEquals(List.of(0L, 0L, 1L), counters(), "a peer's address, straight off the underlay: dropped");
      sendDatagram(OTHER_NETWORK);
      assertEquals(List.of(0L, 0L, 1L), counters());

      guard.allowOnly(Set.of(peer), Set.of(), Set.of(), 4789, 6783);
      sendVxlanDatagram();
      assertEquals(List.of(0L, 0L, 0L), counters(), "unsealed again, a plain pair: taken");

      guard.allowOnly(Set.of(), Set.of(peer), Set.of(), 4789, 6783);
      sendVxlanDatagram();
      assertEquals(List.of(1L, 0L, 0L), counters(), "sealed but no peer's: a stranger's");
    }
  }

  @Test
  void wireguardsPortTakesDatagramsFromTheFleetsHostsAloneOnceTheyAreKnown() throws Exception {
    try (NetNs ns = NetNs.named(guarded); NfTables nft = NfTables.open(ns)) {
      VxlanGuard guard = new VxlanGuard(nft, "weft-wg", 6784);
      InetAddress member = InetAddress.getByName("10.99.7.9");
      guard.allowOnly(Set.of(member), Set.of(), Set.of(), 4789, 6783);
      String unknown = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      assertTrue(!unknown.contains("dport 6784"), "no fleet known yet: WireGuard is not shut to all " + unknown);

      guard.allowOnly(Set.of(member), Set.of(), Set.of(member), 4789, 6783);
      String listed = run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft");
      assertTrue(listed.contains("udp dport 6784 ip saddr != @members counter packets 0 bytes 0 drop"), listed);
      sendWireGuardDatagram();
      assertEquals(1L, wireGuardDrops(), "10.99.7.2 is no host of the fleet: dropped");

      guard.alsoAllow(Set.of(), Set.of(), Set.of(InetAddress.getByName("10.99.7.2")));
      sendWireGuardDatagram();
      assertEquals(1L, wireGuardDrops(), "a host of the fleet now: let through");
    }
  }

  private long wireGuardDrops() throws Exception {
    Matcher m = Pattern.compile("dport 6784 .*counter packets (\\d+)")
        .matcher(run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft"));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private void sendWireGuardDatagram() throws Exception {
    run("ip", "netns", "exec", sender, "bash", "-c", "printf '\\x01\\x00\\x00\\x00initiation' > /dev/udp/10.99.7.1/6784");
  }

  /** A VXLAN header (flags, then network 6783 = 0x001a7f) and a few bytes of frame. */
  private static final String WEFTS_NETWORK = "\\x08\\x00\\x00\\x00\\x00\\x1a\\x7f\\x00frame";
  private static final String OTHER_NETWORK = "\\x08\\x00\\x00\\x00\\x00\\x10\\x01\\x00frame";

  private void sendVxlanDatagram() throws Exception {
    sendDatagram(WEFTS_NETWORK);
  }

  private void sendDatagram(String bytes) throws Exception {
    run("ip", "netns", "exec", sender, "bash", "-c", "printf '" + bytes + "' > /dev/udp/10.99.7.1/4789");
  }

  private long dropped() throws Exception {
    Matcher m = Pattern.compile("counter packets (\\d+)")
        .matcher(run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft"));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Every counter of the table, in the order {@code nft list} shows them. */
  private List<Long> counters() throws Exception {
    Matcher m = Pattern.compile("counter packets (\\d+)")
        .matcher(run("ip", "netns", "exec", guarded, "nft", "list", "table", "ip", "weft"));
    List<Long> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  private static int exit(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
