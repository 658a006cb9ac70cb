package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weft.agent.netlink.Netlink;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire's routing in a fresh namespace, with a veth standing in for WireGuard's device: what
 * the kernel would do with VXLAN and the control plane's connections to each peer, asked with
 * {@code ip route get}.
 */
class WireRoutingRootTest {

  private final String ns = "weft-r-" + UUID.randomUUID().toString().substring(0, 6);
  private static final List<Integer> CONTROL = List.of(6783, 6785);

  @BeforeEach
  void namespace() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/self/status")).lines()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0")), "needs root");
    assumeTrue(Netlink.isAvailable());
    run("ip", "netns", "add", ns);
    run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "weft-wg");
    run("ip", "-n", ns, "addr", "add", "172.29.0.11/24", "dev", "eth0");
    run("ip", "-n", ns, "link", "set", "eth0", "up");
    run("ip", "-n", ns, "link", "set", "weft-wg", "up");
  }

  @AfterEach
  void remove() throws Exception {
    run("ip", "netns", "del", ns);
  }

  private String route(String to, String... selector) throws Exception {
    String[] command = new String[6 + selector.length];
    System.arraycopy(new String[] {"ip", "-n", ns, "route", "get", to}, 0, command, 0, 6);
    System.arraycopy(selector, 0, command, 6, selector.length);
    String out = run(command);
    return out.contains("dev weft-wg") ? "weft-wg" : out.contains("dev eth0") ? "eth0" : out;
  }

  @Test
  void sealedPeersVxlanAndRelayedPeersControlPortsGoThroughWireGuardTheRestTheUnderlay() throws Exception {
    try (Netlink nl = Netlink.forNamespace(ns)) {
      WireRouting routing = new WireRouting(nl, "weft-wg");
      routing.start(4789, CONTROL);
      routing.start(4789, CONTROL); // again: the rules there stay, none twice
      String rules = run("ip", "-n", ns, "rule", "show");
      assertEquals(6, rules.lines().filter(l -> l.contains("lookup 678")).count(), rules);
      assertEquals("1", run("ip", "netns", "exec", ns, "cat", "/proc/sys/net/ipv4/conf/weft-wg/forwarding").strip());
      assertEquals("0", run("ip", "netns", "exec", ns, "cat", "/proc/sys/net/ipv4/conf/eth0/forwarding").strip());

      InetAddress sealedPeer = InetAddress.getByName("172.29.0.12");
      InetAddress relayedPeer = InetAddress.getByName("172.29.0.13");
      routing.follow(Set.of(sealedPeer, relayedPeer), Set.of(relayedPeer), true);

      assertEquals("weft-wg", route("172.29.0.12", "ipproto", "udp", "dport", "4789"));
      assertEquals("weft-wg", route("172.29.0.12", "ipproto", "udp", "sport", "4789"));
      assertEquals("eth0", route("172.29.0.12", "ipproto", "tcp", "dport", "6783"), "direct: TLS on the underlay");
      assertEquals("eth0", route("172.29.0.12", "ipproto", "udp", "dport", "6784"), "WireGuard's own datagrams");
      assertEquals("weft-wg", route("172.29.0.13", "ipproto", "tcp", "dport", "6783"));
      assertEquals("weft-wg", route("172.29.0.13", "ipproto", "tcp", "sport", "6785"));
      assertEquals("eth0", route("172.29.0.14", "ipproto", "udp", "dport", "4789"), "not sealed: plain VXLAN");

      routing.follow(Set.of(sealedPeer), Set.of(), false);
      assertEquals("weft-wg", route("172.29.0.13", "ipproto", "tcp", "dport", "6783"), "not pruning: kept");
      routing.follow(Set.of(sealedPeer), Set.of(), true);
      assertEquals("eth0", route("172.29.0.13", "ipproto", "tcp", "dport", "6783"));

      routing.remove(4789, CONTROL);
      assertFalse(run("ip", "-n", ns, "rule", "show").contains("lookup 678"));
      assertEquals("eth0", route("172.29.0.12", "ipproto", "udp", "dport", "4789"));
    }
  }

  @Test
  void repliesFromTheBoundPortsOfARelayedPeersConnectionsGoThroughWireGuardAndAnEarlierAgentsRulesGo()
      throws Exception {
    try (Netlink nl = Netlink.forNamespace(ns)) {
      WireRouting routing = new WireRouting(nl, "weft-wg");
      routing.start(4789, List.of(6783, 6785, 40001, 40002)); // an earlier agent's servers bound 40001, 40002
      routing.start(4789, List.of(6783, 6785, 41001, 41002)); // this agent's
      String rules = run("ip", "-n", ns, "rule", "show");
      assertEquals(10, rules.lines().filter(l -> l.contains("lookup 678")).count(), rules);
      assertFalse(rules.contains("40001") || rules.contains("40002"), rules);

      InetAddress relayedPeer = InetAddress.getByName("172.29.0.13");
      routing.follow(Set.of(relayedPeer), Set.of(relayedPeer), true);
      // a peer's connection to 6783 came in through the nat to 41001: the reply leaves from 41001
      assertEquals("weft-wg", route("172.29.0.13", "ipproto", "tcp", "sport", "41001"));
      assertEquals("eth0", route("172.29.0.12", "ipproto", "tcp", "sport", "41001"), "not relayed: the underlay");

      routing.remove(4789, List.of(6783, 6785));
      assertFalse(run("ip", "-n", ns, "rule", "show").contains("lookup 678"), "every rule of weft's goes");
    }
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
