package io.weft.agent.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weft.agent.netlink.NetNs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NfTables;
import io.weft.common.net.Ipv4;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The redirection in fresh namespaces, against a squatter: nobody binds the public port before the
 * "agent" listens on a port the kernel picked. Before the agent's server is bound, and after the
 * agent stops, connections to the public port are refused; while it listens, connections from the
 * host itself (output) and from a peer on a link (prerouting) all reach it; the squatter gets
 * none. Without the table, the same connections reach the squatter: the test can fail.
 */
class PortRedirectsRootTest {

  private static final String HOST = "10.99.7.1";
  private static final int PUBLIC = 6783;
  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String host = "weft-ph-" + id;
  private final String peer = "weft-pp-" + id;
  private final List<String> messages = new ArrayList<>();

  @BeforeEach
  void namespaces() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/self/status")).lines()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0")), "needs root");
    assumeTrue(Netlink.isAvailable());
    for (String ns : List.of(host, peer)) {
      run("ip", "netns", "add", ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
    run("ip", "-n", host, "link", "add", "u0", "type", "veth", "peer", "name", "u1", "netns", peer);
    run("ip", "-n", host, "addr", "add", HOST + "/24", "dev", "u0");
    run("ip", "-n", peer, "addr", "add", "10.99.7.2/24", "dev", "u1");
    run("ip", "-n", host, "link", "set", "u0", "up");
    run("ip", "-n", peer, "link", "set", "u1", "up");
  }

  @AfterEach
  void remove() throws Exception {
    for (String ns : List.of(host, peer)) {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void aSquatterOnThePublicPortReceivesNothingAndTheAgentEverything() throws Exception {
    Process squatter = squat();
    try (NetNs ns = NetNs.named(host);
        ServerSocket agent = ns.call("listen", () -> listenOnKernelsPort())) {
      PortRedirects ports = redirecting(ns);
      assertTrue(agent.getLocalPort() != PUBLIC);
      assertEquals(0, ports.bindPort(PUBLIC), "the kernel picks the agent's port");
      assertRefused(peer, "before the agent's server is bound");
      assertRefused(host, "before the agent's server is bound, from the host itself");
      ports.redirect(PUBLIC, agent.getLocalPort());
      String listed = run("ip", "netns", "exec", host, "nft", "list", "table", "ip", PortRedirects.TABLE);
      assertTrue(listed.contains("type nat hook prerouting priority dstnat; policy accept;"), listed);
      assertTrue(listed.contains("ip daddr " + HOST + " tcp dport " + PUBLIC + " dnat to " + HOST + ":"
          + agent.getLocalPort()), listed);

      connect(host);
      assertAccepted(agent, "from the host itself");
      connect(peer);
      assertAccepted(agent, "from a peer");
      assertEquals(agent.getLocalPort(), ports.target(PUBLIC));
      ports.close();
      assertRefused(peer, "once the agent has stopped");
      assertFalse(squatterAccepted(squatter), "the squatter received a connection");
    } finally {
      squatter.destroy();
    }
  }

  @Test
  void withoutTheTableTheSameConnectionReachesTheSquatter() throws Exception {
    Process squatter = squat();
    try {
      connect(peer);
      assertTrue(squatterAccepted(squatter), "the squatter is reached where nothing redirects");
    } finally {
      squatter.destroy();
    }
  }

  private PortRedirects redirecting(NetNs ns) {
    PortRedirects ports = PortRedirects.open(NfTables.open(ns), Ipv4.parse(HOST), List.of(PUBLIC),
        messages::add);
    assertEquals(List.of(), messages, "the kernel takes a nat table");
    return ports;
  }

  private static ServerSocket listenOnKernelsPort() throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(HOST, 0));
    server.setSoTimeout(5000);
    return server;
  }

  /**
   * nobody, in the host's namespace, holds the public port and says each connection it gets; when
   * its input ends it takes what is still queued, says "done" and exits.
   */
  private Process squat() throws Exception {
    Process squatter = new ProcessBuilder("ip", "netns", "exec", host, "setpriv", "--reuid=65534",
        "--regid=65534", "--clear-groups", "/usr/bin/python3", "-u", "-c",
        "import select, socket, sys\n"
            + "s = socket.socket(); s.bind(('" + HOST + "', " + PUBLIC + ")); s.listen(8)\n"
            + "print('holding')\n"
            + "while True:\n"
            + "  ready = select.select([s, sys.stdin], [], [])[0]\n"
            + "  if s in ready:\n"
            + "    print('accepted', s.accept()[1])\n"
            + "  else:\n"
            + "    s.setblocking(False)\n"
            + "    try:\n"
            + "      while True: print('accepted', s.accept()[1])\n"
            + "    except BlockingIOError:\n"
            + "      print('done'); break\n").start();
    squatterOutput = new BufferedReader(new InputStreamReader(squatter.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("holding", squatterOutput.readLine());
    return squatter;
  }

  private BufferedReader squatterOutput;

  /** Ends the squatter: whether it got any connection. */
  private boolean squatterAccepted(Process squatter) throws Exception {
    squatter.getOutputStream().close();
    boolean accepted = false;
    for (String line = squatterOutput.readLine(); line != null && !line.equals("done");
        line = squatterOutput.readLine()) {
      accepted |= line.startsWith("accepted");
    }
    assertTrue(squatter.waitFor(5, TimeUnit.SECONDS));
    return accepted;
  }

  /** One connection to the public port from {@code ns}. */
  private static void connect(String ns) throws Exception {
    run("ip", "netns", "exec", ns, "timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/" + HOST + "/" + PUBLIC);
  }

  /** A connection to the public port from {@code ns} is refused, as by a closed port. */
  private static void assertRefused(String ns, String when) throws Exception {
    String said = run("ip", "netns", "exec", ns, "timeout", "5", "bash", "-c",
        "exec 3<>/dev/tcp/" + HOST + "/" + PUBLIC + " && echo connected || echo refused");
    assertTrue(said.contains("refused") && !said.contains("connected"), when + ": " + said);
  }

  private static void assertAccepted(ServerSocket agent, String what) throws IOException {
    try (Socket accepted = agent.accept()) {
      assertEquals(HOST, accepted.getLocalAddress().getHostAddress(), what);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the agent got no connection " + what, e);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
