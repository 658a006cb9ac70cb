package io.weft.bench.scale;

import com.github.dockerjava.api.DockerClient;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Queries;
import io.weft.agent.netlink.NetNs;
import io.weft.bench.fleet.ClusterBenchmark;
import io.weft.bench.fleet.Stats;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.Target;
import io.weft.common.command.DnsArgs;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.ExecChannel;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run scale [HOSTS] [HOLD_SECONDS]}: a sandbox fleet of HOSTS (20 by default), each
 * host launched in turn against host1 with the fleet's password, then: each join's time (launch
 * to the host in the fleet, host1's kernel forwarding to it; its first key derivation reported
 * apart), the time until every host sees every host {@code ok}, {@code --host all ps}, command
 * round trips to the farthest host, an event's and a DNS name's time to reach every host, the
 * agents' memory and CPU at rest, their cluster connections; the last host joins and another is
 * restarted while the fleet holds, which then rests HOLD_SECONDS (600 by default) watched; and
 * last the suspicions of live members, merges and agent restarts all that time.
 */
public final class ScaleBenchmark {

  private static final double FORM_BOUND_S = 180;
  private static final long POLL_MS = 50;
  private static final String PROBE_IP = "10.32.250.1";
  private static final String PROBE_NAME = "scale-probe";

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    if (n < 3 || n > Sandbox.MAX_HOSTS) {
      throw new IllegalArgumentException("HOSTS must be 3.." + Sandbox.MAX_HOSTS + ", not " + n);
    }
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    long up = System.nanoTime();
    List<SandboxHost> hosts = sandbox.up(n, AgentImage.fromBuildTree(home));
    System.out.printf(Locale.ROOT, "sandbox of %d hosts up in %.0f s; machine memory available: %d MB%n",
        n, (System.nanoTime() - up) / 1e9, availableMb());
    FleetWatch watch = new FleetWatch(hosts);
    try {
      run(sandbox, hosts, watch, holdSeconds);
    } catch (Exception | AssertionError e) {
      // the sandbox goes with the run: what the agents said is the only trace left of why
      keepAgentLogs(home.resolve("bench/out"), hosts);
      throw e;
    } finally {
      watch.close();
      System.clearProperty(DockerClients.HOST_PROPERTY);
      sandbox.down();
    }
  }

  /** Every host's agent log, into a folder of this run under {@code out}, before the sandbox goes. */
  private static void keepAgentLogs(Path out, List<SandboxHost> hosts) {
    Path folder = out.resolve("scale-" + LocalDateTime.now().withNano(0).toString().replace(':', '-'));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      System.out.println("agent logs not kept: cannot make " + folder + ": " + e.getMessage());
      return;
    }
    for (SandboxHost host : hosts) {
      ProcessResult logs = HostProcess.of("docker", "-H", host.dockerHost(), "logs", "--timestamps",
          AgentContainer.NAME).timeoutSeconds(30).runAllowingFailure();
      try {
        Files.writeString(folder.resolve(host.name() + ".log"), logs.stdout() + logs.stderr());
      } catch (IOException e) {
        System.out.println("agent log of " + host.name() + " not kept: " + e.getMessage());
      }
    }
    System.out.println("the agents' logs of the failed run: " + folder);
  }

  private static void run(Sandbox sandbox, List<SandboxHost> hosts, FleetWatch watch, int holdSeconds)
      throws Exception {
    int n = hosts.size();
    SandboxHost first = hosts.get(0);
    List<SandboxHost> fleet = new ArrayList<>(hosts.subList(0, n - 1));
    SandboxHost last = hosts.get(n - 1);
    // the fleet of HOSTS - 1, each joining host1; the last one joins once that fleet holds
    weft(first, "launch");
    String password = PasswordFiles.ofAgentOn(first.dockerHost()).toString();
    Stats joins = new Stats();
    for (SandboxHost h : fleet.subList(1, fleet.size())) {
      joins.add(join(h, first, password));
    }
    double formed = FleetWatch.secondsUntil(() -> ok(watch, fleet) == fleet.size(), FORM_BOUND_S, 500);
    System.out.printf(Locale.ROOT, "every one of %d hosts ok on every host %.1f s after the last launch%n",
        fleet.size(), formed);

    Rest rest = Rest.measure(fleet, 60);
    System.out.printf(Locale.ROOT, "at rest, %d agents over 60 s: RSS max %d MB, mean %d MB; CPU mean %.2f %%,"
        + " max %.2f %% of a core%n", fleet.size(), rest.rssMaxKb() / 1024, rest.rssMeanKb() / 1024,
        rest.cpuMeanPct(), rest.cpuMaxPct());
    int conns = 0;
    double connsSum = 0;
    for (SandboxHost h : fleet) {
      int c = FleetWatch.clusterConnections(h);
      conns = Math.max(conns, c);
      connsSum += c;
    }
    System.out.printf(Locale.ROOT, "established TCP connections on the cluster's ports (6783, 6785), per"
        + " host: max %d, mean %.1f%n", conns, connsSum / fleet.size());

    Stats psAll = psAll(first, 5);
    System.out.printf(Locale.ROOT, "weft --host all ps from host1 (in this JVM, %d runs): p50 %.2f s, max %.2f s%n",
        psAll.count(), psAll.median(), psAll.percentile(100));
    SandboxHost farthest = fleet.get(fleet.size() - 1);
    Stats trip = ClusterBenchmark.jvmRoundTrips(first, farthest.name(), 300);
    System.out.printf(Locale.ROOT, "status round trip host1 -> %s (%d runs): p50 %.2f ms, p99 %.2f ms%n",
        farthest.name(), trip.count(), trip.median(), trip.percentile(99));
    double event = eventEverywhere(farthest, fleet);
    System.out.printf(Locale.ROOT, "a container attached on %s: its address in every other host's neighbour"
        + " table after %.2f s%n", farthest.name(), event);
    double dns = nameEverywhere(first, fleet);
    System.out.printf(Locale.ROOT, "a name added on host1 (dns-add): resolved by every host's DNS after %.2f s%n", dns);

    // the fleet holds while one more host joins and another is restarted
    joins.add(join(last, first, password));
    SandboxHost restarted = hosts.get(n / 2);
    long restart = System.nanoTime();
    HostProcess.of("docker", "-H", restarted.dockerHost(), "restart", AgentContainer.NAME).timeoutSeconds(120).run();
    double whole = FleetWatch.secondsUntil(() -> ok(watch, hosts) == n, FORM_BOUND_S, 200);
    System.out.printf(Locale.ROOT, "%s's agent restarted (docker restart weft): every host ok everywhere again %.1f s"
        + " after the restart began%n", restarted.name(), whole < 0 ? -1 : (System.nanoTime() - restart) / 1e9);

    int okMin = n;
    long holdEnd = System.nanoTime() + holdSeconds * 1_000_000_000L;
    while (System.nanoTime() < holdEnd) {
      okMin = Math.min(okMin, ok(watch, hosts));
      Thread.sleep(15_000); // the watch's period: a look every 15 s
    }
    int ok = ok(watch, hosts);
    FleetWatch.Trouble trouble = watch.trouble();
    System.out.printf(Locale.ROOT, "held %d s at rest: fewest hosts ok everywhere %d of %d, at the end %d;"
        + " suspicions %d, merges %d, agent restarts %d (the restart above is docker's, not counted)%n",
        holdSeconds, okMin, n, ok, trouble.suspicions(), trouble.merges(), trouble.restarts());
    System.out.printf(Locale.ROOT, "joins (launch to host1 forwarding to it, first key derivation apart): p50 %.2f s,"
        + " max %.2f s%n", joins.median(), joins.percentile(100));
    System.out.printf(Locale.ROOT,
        "scale hosts=%d ok=%d join_p50_s=%.2f join_max_s=%.2f ps_all_s=%.2f rss_max_mb=%d cpu_idle_pct=%.2f"
            + " conns_per_agent=%d suspicions=%d%n",
        n, ok, joins.median(), joins.percentile(100), psAll.median(), rest.rssMaxKb() / 1024,
        rest.cpuMeanPct(), conns, trouble.suspicions());
  }

  /**
   * {@code weft launch PEER} on {@code host}; returns the seconds until host1's kernel forwards to
   * it (the host is in the fleet, and its containers are reachable), less its first key
   * derivation, which is printed apart.
   */
  private static double join(SandboxHost host, SandboxHost peer, String password) throws Exception {
    long start = System.nanoTime();
    weft(host, "launch", "--password-file", password, peer.address());
    double launched = (System.nanoTime() - start) / 1e9;
    double forwarding = FleetWatch.secondsUntil(() -> FleetWatch.floodsTo(peer, host.address()), 60, 10);
    double total = (System.nanoTime() - start) / 1e9;
    if (forwarding < 0) {
      throw new IllegalStateException(peer.name() + " does not forward to " + host.name());
    }
    double keys = FleetWatch.keysMillis(host) / 1e3;
    double join = total - keys;
    System.out.printf(Locale.ROOT, "join %s: launch returned after %.2f s, %s forwards to it after %.2f s;"
        + " first key derivation %.2f s: join %.2f s%n", host.name(), launched, peer.name(), total, keys, join);
    return join;
  }

  private static int ok(FleetWatch watch, List<SandboxHost> among) {
    try {
      return watch.okEverywhere(among);
    } catch (Exception e) {
      return 0;
    }
  }

  /** The agents' memory now and their CPU over {@code seconds} at rest. */
  record Rest(long rssMaxKb, long rssMeanKb, double cpuMeanPct, double cpuMaxPct) {
    static Rest measure(List<SandboxHost> hosts, int seconds) throws Exception {
      List<AgentLoad> loads = new ArrayList<>();
      List<Double> before = new ArrayList<>();
      for (SandboxHost h : hosts) {
        AgentLoad load = AgentLoad.of(h);
        loads.add(load);
        before.add(load.cpuSeconds());
      }
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L); // the measuring window itself
      double elapsed = (System.nanoTime() - start) / 1e9;
      long rssMax = 0;
      long rssSum = 0;
      double cpuSum = 0;
      double cpuMax = 0;
      for (int i = 0; i < loads.size(); i++) {
        double pct = 100 * (loads.get(i).cpuSeconds() - before.get(i)) / elapsed;
        cpuSum += pct;
        cpuMax = Math.max(cpuMax, pct);
        long rss = loads.get(i).residentKb();
        rssMax = Math.max(rssMax, rss);
        rssSum += rss;
      }
      return new Rest(rssMax, rssSum / loads.size(), cpuSum / loads.size(), cpuMax);
    }
  }

  /** {@code weft --host all ps} through host1's Docker API, in this JVM (no JVM start counted). */
  private static Stats psAll(SandboxHost from, int runs) {
    PrintStream out = System.out;
    Stats stats = new Stats();
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      System.setProperty(DockerClients.HOST_PROPERTY, from.dockerHost());
      WeftCli.run("--host", "all", "ps");
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        int status = WeftCli.run("--host", "all", "ps");
        stats.add((System.nanoTime() - start) / 1e9);
        if (status != 0) {
          throw new IllegalStateException("weft --host all ps failed: " + status);
        }
      }
    } finally {
      System.setOut(out);
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
    return stats;
  }

  /** Attaches a container on {@code on}; the seconds until every other host has its neighbour entry. */
  private static double eventEverywhere(SandboxHost on, List<SandboxHost> fleet) throws Exception {
    String id;
    try (DockerClient docker = DockerClients.forHost(on.dockerHost())) {
      id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
      docker.startContainerCmd(id).exec();
    }
    long start = System.nanoTime();
    weft(on, "attach", PROBE_IP + "/12", id);
    List<SandboxHost> others = fleet.stream().filter(h -> !h.equals(on)).toList();
    double seen = FleetWatch.secondsUntil(
        () -> others.stream().allMatch(h -> FleetWatch.knowsNeighbour(h, PROBE_IP)), 60, POLL_MS);
    return seen < 0 ? -1 : (System.nanoTime() - start) / 1e9;
  }

  /** Adds a name on {@code on}; the seconds until every host's DNS answers it. */
  private static double nameEverywhere(SandboxHost on, List<SandboxHost> fleet) throws Exception {
    List<DatagramSocket> probes = new ArrayList<>();
    try {
      for (SandboxHost h : fleet) {
        probes.add(probe(h));
      }
      long start = System.nanoTime();
      weft(on, "dns-add", "10.32.250.9", "-h", PROBE_NAME);
      String name = PROBE_NAME + ".weft.local";
      double seen = FleetWatch.secondsUntil(() -> probes.stream().allMatch(p -> answers(p, name)), 60, POLL_MS);
      return seen < 0 ? -1 : (System.nanoTime() - start) / 1e9;
    } finally {
      probes.forEach(DatagramSocket::close);
    }
  }

  /** A UDP socket in {@code host}'s namespace, connected to its agent's DNS. */
  private static DatagramSocket probe(SandboxHost host) throws Exception {
    String server;
    int pid;
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      DnsArgs ask = new DnsArgs();
      server = new ExecChannel(docker).command(new CommandRequest(Target.SELF, ask)).get(0).result(ask).server();
      pid = docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getPidLong().intValue();
    }
    try (NetNs ns = NetNs.ofPid(pid)) {
      return ns.call("open a DNS client socket", () -> {
        DatagramSocket s = new DatagramSocket();
        s.connect(new InetSocketAddress(server, Dns.PORT));
        s.setSoTimeout(1000);
        return s;
      });
    }
  }

  private static boolean answers(DatagramSocket probe, String name) {
    try {
      byte[] query = Queries.of(7, name, Dns.TYPE_A, 0);
      probe.send(new DatagramPacket(query, query.length));
      byte[] buffer = new byte[4096];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      probe.receive(reply);
      return Queries.rcode(buffer) == 0 && Queries.answerCount(buffer) > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static void weft(SandboxHost host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      int status = WeftCli.run(args);
      if (status != 0) {
        throw new IllegalStateException("weft " + String.join(" ", args) + " failed on " + host.name());
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }

  private static long availableMb() throws Exception {
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemAvailable:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
