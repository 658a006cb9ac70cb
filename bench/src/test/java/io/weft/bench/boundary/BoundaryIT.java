package io.weft.bench.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.weft.bench.fleet.AgentMemory;
import io.weft.common.bus.BridgeContract;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import io.weft.testkit.TempPaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 21's boundary, on a launched fleet in the sandbox: a user of a host who is not root gets
 * nothing from any port of the agent (tried as root and as nobody in the host's network
 * namespace, on every port the agent listens on); a squatter on weft's ports (6783, 6785 and 6786
 * on the underlay included) stops nothing, the host joins while it holds them; under
 * each flood (a read-only bridge client's padded ps, a container pipelining DNS over TCP without
 * reading, oversized API bodies, a stranger on the underlay opening TLS handshakes to 6783, 6785
 * and 6786, which must see connections turned away) the
 * agent does not restart, weft ps answers and docker run --net=weft succeeds; and a revoked
 * credential is refused on every host, one that joins later included. Four hosts of its own:
 * three launched, the fourth joins after a revocation.
 */
@OwnHosts(hosts = 4)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundaryIT {

  private static final long BOUND_SECONDS = 60;
  private static final int NOBODY = 65534;
  private static final long FLOOD_SECONDS = 6;
  /** Debian's, which every user may run (root's own may be elsewhere, in its home). */
  private static final String PYTHON = "/usr/bin/python3";
  private static List<FleetHost> hosts;
  private static Vertx vertx;
  private static Path probe;

  @BeforeAll
  static void launchTheFleet(Fleet own) throws Exception {
    hosts = own.hosts();
    // each host knowing only the one before it; the fourth joins later, after a revocation
    assertEquals(0, weft(hosts.get(0), "launch"));
    for (int i = 1; i < 3; i++) {
      assertEquals(0, weft(hosts.get(i), "launch", "--password-file", own.passwordFile().toString(),
          hosts.get(i - 1).address()));
    }
    vertx = Vertx.vertx();
    Path dir = TempPaths.folder("weft-probe");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    probe = dir.resolve("local_user_probe.py");
    try (InputStream in = BoundaryIT.class.getResourceAsStream("/local_user_probe.py")) {
      Files.write(probe, in.readAllBytes());
    }
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, weft(hosts.get(0), "run", "--name", "probe-web", DebianBase.IMAGE, "sleep", "infinity"));
  }

  @AfterAll
  static void down() {
    if (vertx != null) {
      vertx.close();
    }
  }

  @Test
  @Order(1)
  void aUserOfTheHostGetsNothingFromAnyPortOfTheAgentAndRootOnlyWhatIsMeant() throws Exception {
    FleetHost host1 = hosts.get(0);
    List<JsonObject> asNobody = probe(host1, false);
    List<JsonObject> asRoot = probe(host1, true);
    for (JsonObject line : asNobody) {
      String got = line.getString("got", "");
      switch (line.getString("probe")) {
        case "command", "credential", "bridge" -> {
          for (String weftAnswer : List.of("\"replies\"", "\"certificate\"", "\"peers\"", "BEGIN CERTIFICATE")) {
            assertFalse(got.contains(weftAnswer), line.encode());
          }
        }
        case "metrics" -> {
          if (!got.isEmpty() && got.contains("weft_")) {
            assertTrue(line.getString("listener").startsWith("127.0.0.1:6782"), line.encode());
            for (String secret : List.of("probe-web", "10.32.", host1.address())) {
              assertFalse(got.contains(secret), "the metrics tell " + secret + ": " + got);
            }
          }
        }
        case "dns", "dns-name" -> assertFalse(line.getBoolean("answered", !got.isEmpty()), line.encode());
        default -> { }
      }
    }
    // the probe would have seen an answer: root on the host is answered by weft's DNS
    assertTrue(asRoot.stream().filter(l -> l.getString("probe").equals("dns-name"))
        .allMatch(l -> l.getBoolean("answered")), asRoot.toString());
    assertTrue(asRoot.stream().anyMatch(l -> l.getString("probe").equals("metrics")
        && l.getString("got", "").contains("weft_peers")), "root reads the metrics on loopback");
    // the API is a socket in the agent's container: only root reaches it, through /proc
    String socket = AgentMemory.apiSocket(host1.sandboxHost());
    String connect = "import socket; s = socket.socket(socket.AF_UNIX); s.connect('" + socket + "'); print('connected')";
    assertNotEquals(0, inHost(host1, false, PYTHON, "-c", connect).exitCode());
    assertEquals(0, inHost(host1, true, PYTHON, "-c", connect).exitCode());
    // wireguard-go's UAPI socket, which sets the fleet's keys, peers and routes: in the host's
    // /run/wireguard, as the host's users see it (the engine's mount namespace); only root's
    String uapi = "import os, socket; os.listdir('/run'); s = socket.socket(socket.AF_UNIX); "
        + "s.connect('/run/wireguard/weft-wg.sock'); s.sendall(b'get=1\\n\\n'); print(s.recv(64))";
    ProcessResult nobodyUapi = inHostsFiles(host1, false, PYTHON, "-c", uapi);
    assertTrue(nobodyUapi.stderr().contains("PermissionError"), "uid 65534 on the WireGuard socket: "
        + nobodyUapi.stdout() + nobodyUapi.stderr());
    ProcessResult rootUapi = inHostsFiles(host1, true, PYTHON, "-c", uapi);
    assertTrue(rootUapi.stdout().contains("private_key") || rootUapi.stdout().contains("listen_port"),
        "root on the WireGuard socket: " + rootUapi.stdout() + rootUapi.stderr());
  }

  @Test
  @Order(2)
  void aUserOfTheHostReachesNoHazelcast() throws Exception {
    for (JsonObject line : probe(hosts.get(0), false)) {
      if (line.getString("probe").startsWith("hazelcast")) {
        assertFalse(line.getString("got", "").startsWith("HZC"), line.encode());
        assertFalse(line.getString("got", "").startsWith("CP2"), line.encode());
      }
    }
  }

  @Test
  @Order(3)
  void underEachFloodTheAgentStaysUpAndAnswers(@TempDir Path credential) throws Exception {
    FleetHost host1 = hosts.get(0);
    FleetHost host2 = hosts.get(1);
    assertEquals(0, weft(host1, "credentials", "flood", credential.toString())); // read-only
    String dns = dnsAddress(host2);
    List<String> names = List.of("padded ps through " + host1 + "'s bridge", "DNS over TCP pipelined, never read",
        "300 MB API bodies, announced and chunked", "TLS handshakes from a stranger on the underlay to 6783, 6785 and 6786",
        "WireGuard handshake initiations from a stranger on the underlay to UDP 6784");
    // probe-web's address on weft (weft run makes it through Docker's plugin: the link is eth0)
    String probeWeb = host1.inContainer("probe-web", "ip", "-4", "-o", "addr", "show", "scope", "global").run()
        .replaceAll("(?s).*? inet ([0-9.]+)/.*", "$1").strip();
    for (int i = 0; i < names.size(); i++) {
      AgentVitals.Life before = AgentVitals.life(host2.sandboxHost());
      if (i == 4) { // the same ping before the flood: what it must keep doing under it
        ProcessResult ping = Floods.docker(host2.sandboxHost(), concat(List.of("run", "--rm", "--net=weft", DebianBase.IMAGE),
            pingProbeWeb(probeWeb)));
        assertEquals(0, ping.exitCode(), "before the flood: " + ping.stdout() + ping.stderr());
      }
      double turnedAwayBefore = AgentVitals.counter(host2.sandboxHost(), AgentVitals.TURNED_AWAY);
      Floods.Flood flood = startFlood(i, credential, host1, host2, dns);
      try {
        // commands and Docker's plugin calls, for as long as the flood lasts
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
        List<Double> local = new ArrayList<>();
        List<Double> remote = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        List<String> pings = new ArrayList<>(); // answers of 5, under the WireGuard flood
        while (System.nanoTime() < end || runs.isEmpty()) {
          local.add(psMillis(host2, null));
          remote.add(psMillis(host1, host2.name()));
          long start = System.nanoTime();
          // under the WireGuard flood, the container also reaches one on host1, through WireGuard
          String[] work = i == 4 ? pingProbeWeb(probeWeb) : new String[] {"true"};
          ProcessResult run = Floods.docker(host2.sandboxHost(), concat(List.of("run", "--rm", "--net=weft", DebianBase.IMAGE), work));
          assertEquals(0, run.exitCode(), names.get(i) + ": docker run --net=weft: " + run.stdout() + run.stderr());
          runs.add((System.nanoTime() - start) / 1_000_000);
          if (i == 4) {
            pings.add(run.stdout().lines().filter(l -> l.contains("received")).findFirst().orElse("?")
                .replaceAll(".*, (\\d+) received.*", "$1"));
          }
        }
        System.out.printf("FLOOD %s: weft ps on %s %s ms, from %s %s ms, docker run --net=weft %s ms%n",
            names.get(i), host2, local, host1, remote, runs);
        if (i == 4) {
          System.out.printf("FLOOD %s: pings from %s to %s answered, of 5 in each docker run: %s%n",
              names.get(i), host2, host1, pings);
        }
        assertFalse(local.contains(-1.0), names.get(i) + ": weft ps on host2 failed");
        assertFalse(remote.contains(-1.0), names.get(i) + ": weft ps --host host2 failed");
      } finally {
        flood.close();
      }
      assertEquals(before, AgentVitals.life(host2.sandboxHost()), names.get(i) + ": the agent restarted");
      if (i == 3) {
        // the flood reached the agent: past 8 handshakes under way from its one address, turned away
        double turnedAway = AgentVitals.counter(host2.sandboxHost(), AgentVitals.TURNED_AWAY) - turnedAwayBefore;
        System.out.printf("FLOOD %s: %.0f connections turned away as accepted%n", names.get(i), turnedAway);
        assertTrue(turnedAway > 0, names.get(i) + ": no connection was turned away, so none arrived");
      }
      if (i == 4) {
        System.out.printf("FLOOD %s: %d datagrams sent%n", names.get(i), flood.sent());
        assertTrue(flood.sent() > 0, names.get(i) + ": the flood sent nothing");
        // the stranger is no fleet host: the guard drops its datagrams before wireguard-go wakes
        String guard = inHost(host2, true, "nft", "list", "table", "ip", "weft").stdout();
        java.util.regex.Matcher dropped = java.util.regex.Pattern
            .compile("udp dport 6784 ip saddr != @members counter packets (\\d+)").matcher(guard);
        assertTrue(dropped.find(), "the guard keeps strangers off WireGuard's port: " + guard);
        System.out.printf("FLOOD %s: %s datagrams dropped by the guard%n", names.get(i), dropped.group(1));
        assertTrue(Long.parseLong(dropped.group(1)) > 0, names.get(i) + ": the guard dropped none: " + guard);
        // the fleet's own pairs must be whole (direct, heard) after it
        long ended = System.nanoTime();
        for (FleetHost host : hosts.subList(0, 3)) {
          awaitTrue(host + " is direct to every peer again after the WireGuard flood", () -> allDirect(host));
        }
        System.out.printf("FLOOD %s: every pair direct again %d ms after it ended%n", names.get(i),
            (System.nanoTime() - ended) / 1_000_000);
      }
    }
  }

  /** Whether {@code host}'s wire goes direct to each of its peers, and hears each. */
  private static boolean allDirect(FleetHost host) {
    CapturedRun peers = host.weft("peers", "--json");
    if (peers.exitCode() != 0) {
      return false;
    }
    io.vertx.core.json.JsonArray wire = new JsonObject(peers.out()).getJsonObject("wire", new JsonObject())
        .getJsonArray("hosts", new io.vertx.core.json.JsonArray());
    return !wire.isEmpty() && wire.stream().map(JsonObject.class::cast)
        .allMatch(h -> "direct".equals(h.getString("path")) && "up".equals(h.getString("heard")));
  }

  /** Five pings, 0.2 s apart: any answer is a pass, so one lost to a busy machine is not a failure. */
  private static String[] pingProbeWeb(String address) {
    return new String[] {"ping", "-c", "5", "-i", "0.2", "-W", "3", address};
  }

  private static String[] concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static Floods.Flood startFlood(int which, Path credential, FleetHost host1, FleetHost host2,
      String dns) {
    return switch (which) {
      case 0 -> Floods.paddedPs(vertx, credential, host1.sandboxHost(), host2.name());
      case 1 -> Floods.dnsPipeline(host2.sandboxHost(), dns, "probe-web.weft.local", 2);
      case 2 -> Floods.oversizedBodies(host2.sandboxHost(), 2);
      case 3 -> Floods.handshakes(host2.address(), 2);
      default -> Floods.wireGuardInitiations(host2.address());
    };
  }

  @Test
  @Order(4)
  void aSquatterOnWeftsPortsStopsNothingAndTheyAreServedOnceFree(@TempDir Path credential) throws Exception {
    FleetHost host2 = hosts.get(1);
    assertEquals(0, weft(hosts.get(0), "credentials", "squat-check", credential.toString()));
    assertEquals(0, Floods.docker(host2.sandboxHost(), "stop", "weft").exitCode());
    Path log = TempPaths.folder("weft-squat");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rwxrwxrwx"));
    // nobody binds every port of weft's before the agent starts: Hazelcast's, the event bus's and
    // the bridge's on the underlay address, the metrics' and the old API's on loopback
    String squat = "import socket, sys, threading\n"
        + "def hold(host, port):\n"
        + "    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
        + "    s.bind((host, port)); s.listen(16)\n"
        + "    while True:\n"
        + "        c, a = s.accept(); open('" + log + "/accepted', 'a').write(f'{port} {a}\\n'); c.close()\n"
        + "for hp in [('127.0.0.1', 6782), ('" + host2.address() + "', 6783), ('" + host2.address() + "', 6785),"
        + " ('" + host2.address() + "', 6786), ('127.0.0.1', 6784)]:\n"
        + "    threading.Thread(target=hold, args=hp, daemon=True).start()\n"
        + "print('holding', flush=True)\n"
        + "threading.Event().wait()\n";
    Process squatter = hostProcess(host2, false, PYTHON, "-c", squat).start();
    try {
      assertEquals("holding", squatter.inputReader().readLine());
      assertEquals(0, Floods.docker(host2.sandboxHost(), "start", "weft").exitCode());
      // host2 joins the fleet while the squatter holds its ports: the kernel sends every
      // connection to 6783, 6785 and 6786 to the agent's own ports before any socket is looked up
      awaitTrue("host2's agent answers weft ps", () -> psMillis(host2, null) >= 0);
      awaitTrue("host1 reaches host2", () -> psMillis(hosts.get(0), host2.name()) >= 0);
      awaitTrue("host2 reaches host3", () -> psMillis(host2, hosts.get(2).name()) >= 0);
      awaitTrue("host2's bridge serves while its port is squatted", () -> pong(credential, host2));
      String logs = host2.agentLog();
      assertTrue(logs.contains("is held by another process"), logs);
      assertFalse(logs.contains("cannot listen on"), logs);
      assertFalse(Files.exists(log.resolve("accepted")), "weft connected to a squatter, or a peer reached one: "
          + (Files.exists(log.resolve("accepted")) ? Files.readString(log.resolve("accepted")) : ""));
    } finally {
      squatter.destroy();
      squatter.waitFor(10, TimeUnit.SECONDS);
    }
    awaitTrue("host2's metrics are served once the port is free", () -> inHost(host2, true, PYTHON, "-c",
        "import urllib.request; print('weft_peers{' in urllib.request.urlopen('http://127.0.0.1:6782/metrics',"
            + " timeout=2).read().decode())").stdout().strip().equals("True"));
  }

  @Test
  @Order(5)
  void aRevokedCredentialIsRefusedOnEveryHostIncludingOneThatJoinsLater(@TempDir Path dir) throws Exception {
    FleetHost host1 = hosts.get(0);
    FleetHost host3 = hosts.get(2);
    Path ci = Files.createDirectories(dir.resolve("ci"));
    assertEquals(0, weft(host1, "credentials", "ci", ci.toString()));
    NetSocket open = answeringConnection(ci, host3);
    CompletableFuture<Long> closed = new CompletableFuture<>();
    open.closeHandler(v -> closed.complete(System.nanoTime()));

    long revoked = System.nanoTime();
    assertEquals(0, weft(host1, "credentials", "--revoke", "ci"));
    long afterRevoke = System.nanoTime();
    long closedAt = closed.get(BOUND_SECONDS, TimeUnit.SECONDS);
    long refusedAt = 0;
    while (refusedAt == 0) {
      if (!pong(ci, host3)) {
        refusedAt = System.nanoTime();
      }
    }
    System.out.printf("REVOKED weft credentials --revoke took %.0f ms; %s's open connection closed %.0f ms and"
            + " a new one refused %.0f ms after it returned%n", (afterRevoke - revoked) / 1e6, host3,
        (closedAt - afterRevoke) / 1e6, (refusedAt - afterRevoke) / 1e6);
    for (FleetHost host : hosts.subList(0, 3)) {
      assertFalse(pong(ci, host), "refused on " + host.name());
    }

    // a host that joins after the revocation refuses it from its start
    assertEquals(0, weft(hosts.get(3), "launch", "--password-file",
        PasswordFiles.ofAgentOn(host1.dockerHost()).toString(), host3.address()));
    assertFalse(pong(ci, hosts.get(3)), "refused on host4, which joined after the revocation");

    // a host that restarts still refuses it
    assertEquals(0, Floods.docker(hosts.get(1).sandboxHost(), "restart", "weft").exitCode());
    awaitTrue("host2's agent is back", () -> psMillis(hosts.get(1), null) >= 0);
    assertFalse(pong(ci, hosts.get(1)), "refused on host2 after its restart");

    // a credential made later under the same name is good, and the list tells them apart
    Path again = Files.createDirectories(dir.resolve("again"));
    assertEquals(0, weft(hosts.get(3), "credentials", "ci", again.toString()));
    awaitTrue("a later credential of the name is taken", () -> pong(again, hosts.get(3)));
    assertTrue(pong(again, host1));
    JsonArray listed = new JsonObject(weftOutput(hosts.get(3), "credentials", "--list", "--json"))
        .getJsonArray("credentials");
    long revokedListed = listed.stream().map(c -> (JsonObject) c)
        .filter(c -> c.getString("name").equals("ci") && c.containsKey("revoked")).count();
    long goodListed = listed.stream().map(c -> (JsonObject) c)
        .filter(c -> c.getString("name").equals("ci") && !c.containsKey("revoked")).count();
    assertEquals(1, revokedListed, listed.encodePrettily());
    assertEquals(1, goodListed, listed.encodePrettily());
  }

  // ---- the probes

  /** The probe script run in {@code host}'s network namespace against every listener of its agent. */
  private static List<JsonObject> probe(FleetHost host, boolean root) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON, probe.toString(), dnsAddress(host), "probe-web.weft.local"));
    List<String> udp = new ArrayList<>();
    for (String listener : listeners(host)) {
      if (listener.endsWith("/udp")) {
        udp.add(listener.substring(0, listener.length() - 4));
      } else {
        command.add(listener);
      }
    }
    command.add("--udp");
    command.addAll(udp);
    ProcessResult result = inHost(host, root, command.toArray(String[]::new));
    List<JsonObject> lines = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (!line.isBlank()) {
        JsonObject parsed = new JsonObject(line);
        String shown = parsed.encode();
        System.out.println((root ? "ROOT   " : "NOBODY ") + (shown.length() > 400 ? shown.substring(0, 400) + "..." : shown));
        lines.add(parsed);
      }
    }
    assertTrue(lines.size() > 10, "the probe said too little: " + result.stderr());
    return lines;
  }

  /** Every socket the agent's process listens on in its host's namespace: ADDRESS:PORT, "/udp" for UDP. */
  private static List<String> listeners(FleetHost host) throws Exception {
    long pid = AgentMemory.pid(host.sandboxHost());
    List<String> found = new ArrayList<>();
    Pattern line = Pattern.compile("^(tcp|udp)\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+.*pid=" + pid + ",");
    for (String row : inHost(host, true, "ss", "-Hlntup").stdout().split("\n")) {
      Matcher m = line.matcher(row.strip());
      if (m.find()) {
        String address = m.group(2).replace("[", "").replace("]", "").replace("::ffff:", "");
        List<String> at = address.equals("*") || address.equals("0.0.0.0") || address.equals("::")
            ? List.of("127.0.0.1", host.address()) : List.of(address);
        for (String a : at) {
          found.add(a + ":" + m.group(3) + (m.group(1).equals("udp") ? "/udp" : ""));
        }
      }
    }
    // Hazelcast, the event bus and the bridge listen on ports the kernel picked, and the kernel
    // redirects the public ones there: those are tried as well, as a user would
    assertTrue(found.stream().filter(l -> l.startsWith(host.address() + ":") && !l.endsWith("/udp")).count() >= 3,
        found.toString());
    for (int port : List.of(6783, 6785, BridgeContract.PORT)) {
      found.add(host.address() + ":" + port);
    }
    System.out.println("LISTENERS of " + host.name() + "'s agent, and the public ports: " + found);
    return found;
  }

  private static ProcessResult inHost(FleetHost host, boolean root, String... command) {
    List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + host.sandboxHost().netnsPath()));
    if (!root) {
      argv.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    argv.addAll(List.of(command));
    return HostProcess.of(argv.toArray(String[]::new)).timeoutSeconds(BOUND_SECONDS * 4).runAllowingFailure();
  }

  /** As {@link #inHost}, in the host's files too: its engine's mount namespace, where /run is the host's. */
  private static ProcessResult inHostsFiles(FleetHost host, boolean root, String... command) throws Exception {
    String engine = Files.readString(host.sandboxHost().pidFile()).strip();
    List<String> argv = new ArrayList<>(List.of("nsenter", "--mount=/proc/" + engine + "/ns/mnt",
        "--net=" + host.sandboxHost().netnsPath()));
    if (!root) {
      argv.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    argv.addAll(List.of(command));
    return HostProcess.of(argv.toArray(String[]::new)).timeoutSeconds(BOUND_SECONDS * 4).runAllowingFailure();
  }

  private static ProcessBuilder hostProcess(FleetHost host, boolean root, String... command) {
    List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + host.sandboxHost().netnsPath()));
    if (!root) {
      argv.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    argv.addAll(List.of(command));
    return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  // ---- the bridge

  private static NetSocket connect(Path credential, FleetHost host) throws Exception {
    return BridgeCheck.connect(vertx, credential, host.sandboxHost());
  }

  /**
   * A connection with {@code credential} to {@code host}'s bridge that has answered a ping: made
   * again while one does not answer within the bound, until the class's bound (said when it is).
   */
  private static NetSocket answeringConnection(Path credential, FleetHost host) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (true) {
      NetSocket socket = connect(credential, host);
      try {
        if (ping(socket)) {
          return socket;
        }
      } catch (java.util.concurrent.TimeoutException slow) {
        System.out.println("kit: a new connection to " + host + "'s bridge answered no ping within 10 s");
      }
      socket.close();
      if (System.nanoTime() > end) {
        throw new AssertionError("no connection to " + host + "'s bridge answered a ping within "
            + BOUND_SECONDS + " s");
      }
    }
  }

  private static boolean pong(Path credential, FleetHost host) {
    return BridgeCheck.answersPing(vertx, credential, host.sandboxHost());
  }

  private static boolean ping(NetSocket socket) throws Exception {
    return BridgeCheck.ping(socket);
  }

  /** The address weft's DNS answers at on {@code host}, as {@code weft dns-args} says. */
  private static String dnsAddress(FleetHost host) {
    String said = weftOutput(host, "dns-args");
    Matcher m = Pattern.compile("--dns[ =](\\S+)").matcher(said);
    assertTrue(m.find(), "no DNS address on " + host + ": " + said);
    return m.group(1);
  }

  // ---- the command line

  private static int weft(FleetHost host, String... args) {
    return host.weft(args).exitCode();
  }

  private static String weftOutput(FleetHost host, String... args) {
    CapturedRun run = host.weft(args);
    assertEquals(0, run.exitCode(), run.err());
    return run.out();
  }

  /**
   * {@code weft ps} (with {@code --host target} when given) through {@code host}'s Docker API, as
   * the command line runs it; its time in milliseconds, or -1 when it failed.
   */
  private static double psMillis(FleetHost host, String target) {
    long start = System.nanoTime();
    int status = target == null ? weft(host, "ps") : weft(host, "ps", "--host", target);
    double millis = (System.nanoTime() - start) / 1e6;
    return status == 0 ? millis : -1;
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within " + BOUND_SECONDS + " s");
      TimeUnit.MILLISECONDS.sleep(200); // polled, within the bound
    }
  }
}
