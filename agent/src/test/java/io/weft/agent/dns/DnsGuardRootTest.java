package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weft.agent.netlink.NetNs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NfTables;
import io.weft.common.net.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DNS guard in fresh namespaces, checked with {@code nft} and with datagrams: on the guarded
 * host, root's queries pass and another user's are dropped; from outside, a query that comes in
 * on the bridge {@code weft} passes and one routed in on another interface is dropped.
 */
class DnsGuardRootTest {

  private static final String DNS = "10.99.8.1";
  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String host = "weft-dh-" + id;
  private final String container = "weft-dc-" + id;
  private final String outsider = "weft-do-" + id;

  @BeforeEach
  void namespaces() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/self/status")).lines()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0")), "needs root");
    assumeTrue(Netlink.isAvailable());
    for (String ns : List.of(host, container, outsider)) {
      run("ip", "netns", "add", ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
    // the "bridge" weft, as the container's side sees it, and an underlay link beside it
    run("ip", "-n", host, "link", "add", "weft", "type", "veth", "peer", "name", "c0", "netns", container);
    run("ip", "-n", host, "link", "add", "u0", "type", "veth", "peer", "name", "o0", "netns", outsider);
    run("ip", "-n", host, "addr", "add", DNS + "/24", "dev", "weft");
    run("ip", "-n", host, "addr", "add", "10.99.9.1/24", "dev", "u0");
    run("ip", "-n", container, "addr", "add", "10.99.8.2/24", "dev", "c0");
    run("ip", "-n", outsider, "addr", "add", "10.99.9.2/24", "dev", "o0");
    for (String[] link : new String[][] {{host, "weft"}, {host, "u0"}, {container, "c0"}, {outsider, "o0"}}) {
      run("ip", "-n", link[0], "link", "set", link[1], "up");
    }
    run("ip", "-n", outsider, "route", "add", "10.99.8.0/24", "via", "10.99.9.1");
  }

  @AfterEach
  void remove() throws Exception {
    for (String ns : List.of(host, container, outsider)) {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void onlyRootOnTheHostAndTheBridgesContainersReachTheDnsAddress() throws Exception {
    try (NetNs ns = NetNs.named(host); NfTables nft = NfTables.open(ns)) {
      new DnsGuard(nft).allowOnly(Ipv4.parse(DNS));
      String listed = run("ip", "netns", "exec", host, "nft", "list", "table", "ip", DnsGuard.TABLE);
      assertTrue(listed.contains("type filter hook output priority filter; policy accept;"), listed);
      assertTrue(listed.contains("ip daddr 10.99.8.1 udp dport 53 meta skuid != 0 counter packets 0 bytes 0 drop"), listed);
      assertTrue(listed.contains("ip daddr 10.99.8.1 tcp dport 53 iifname != \"weft\" iifname != \"lo\""), listed);

      send(host, true);
      assertEquals(List.of(0, 0, 0, 0), dropped(), "root on the host passes");
      send(host, false);
      assertEquals(1, dropped().get(0), "another user's query is dropped on its way out");
      send(container, true);
      assertEquals(0, dropped().get(2), "a container's on the bridge comes in");
      send(outsider, true);
      assertEquals(1, dropped().get(2), "one routed in from the underlay is dropped");
      tcp(host, false);
      assertTrue(dropped().get(1) >= 1, "TCP as well");

      nft.delete(DnsGuard.TABLE);
    }
  }

  /** One UDP query's worth to the DNS address from {@code ns}, as root or as nobody. */
  private static void send(String ns, boolean root) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    if (!root) {
      command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    command.addAll(List.of("bash", "-c", "echo query > /dev/udp/" + DNS + "/53 || true"));
    run(command.toArray(String[]::new));
  }

  private static void tcp(String ns, boolean root) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    if (!root) {
      command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    command.addAll(List.of("timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/" + DNS + "/53 || true"));
    runAllowingFailure(command.toArray(String[]::new));
  }

  /** The drop counters in the table's order: output udp, output tcp, input udp, input tcp. */
  private List<Integer> dropped() throws Exception {
    String listed = run("ip", "netns", "exec", host, "nft", "list", "table", "ip", DnsGuard.TABLE);
    Matcher m = Pattern.compile("(udp|tcp) dport 53 (meta skuid|iifname).*?counter packets (\\d+)").matcher(listed);
    int[] counts = new int[4];
    while (m.find()) {
      int slot = (m.group(2).startsWith("meta") ? 0 : 2) + (m.group(1).equals("tcp") ? 1 : 0);
      counts[slot] = Integer.parseInt(m.group(3));
    }
    return List.of(counts[0], counts[1], counts[2], counts[3]);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static void runAllowingFailure(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor();
  }
}
