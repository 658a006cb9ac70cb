package io.weft.bench.wire;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.bench.fleet.Stats;
import io.weft.common.process.HostProcess;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run wire [RUNS]}: the data plane between two sandbox hosts, in one run, each
 * figure the median of RUNS interleaved iperf3 runs between containers (weft's and its
 * reference's in turn, which goes first swapped every round): weft encrypted beside a
 * hand-built wireguard-go tunnel with VXLAN over it; weft plain beside a hand-built kernel VXLAN;
 * the underlay itself; the CPU each used per Gbit/s. Then, in the encrypted fleet of three: a pair
 * cut (host1/host2), the time until traffic flows through the relay, the throughput through it,
 * and the time until it is direct again after the heal; and the longest gap of a running stream
 * while host2's agent is killed, launched again and restarted.
 */
public final class WireBenchmark {

  private static final String A = "10.32.220.1";
  private static final String B = "10.32.220.2";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    AgentImage image = AgentImage.fromBuildTree(home);
    try {
      List<SandboxHost> hosts = sandbox.up(3, image);
      SandboxHost h1 = hosts.get(0);
      SandboxHost h2 = hosts.get(1);
      launch(hosts, false);
      Pair pair = Pair.attach(h1, h2);
      Measured encrypted = new Measured();
      Measured handWg = new Measured();
      Measured underlay = new Measured();
      for (int i = 0; i < runs; i++) {
        try (HandBuilt wg = HandBuilt.overWireGuard(h1, h2)) {
          Runnable weft = () -> encrypted.add(wireguardCpu(pair::iperf));
          Runnable hand = () -> handWg.add(wireguardCpu(() -> Iperf.run(wg.server(), wg.client(),
              HandBuilt.serverAddress())));
          inTurn(i, weft, hand);
        }
        underlay.add(Iperf.run(List.of("ip", "netns", "exec", h2.name()), List.of("ip", "netns", "exec",
            h1.name()), h2.address()), 0);
      }
      Relay relay = Relay.measure(sandbox, pair, h1, h2);
      Restarts restarts = Restarts.measure(pair, hosts);
      pair.remove();

      sandbox.down();
      hosts = sandbox.up(3, image);
      h1 = hosts.get(0);
      h2 = hosts.get(1);
      launch(hosts.subList(0, 2), true);
      Pair plainPair = Pair.attach(h1, h2);
      Measured plain = new Measured();
      Measured handVxlan = new Measured();
      for (int i = 0; i < runs; i++) {
        try (HandBuilt vx = HandBuilt.vxlan(h1, h2)) {
          inTurn(i, () -> plain.add(plainPair.iperf(), 0),
              () -> handVxlan.add(Iperf.run(vx.server(), vx.client(), HandBuilt.serverAddress()), 0));
        }
      }

      print("weft encrypted (wireguard-go in weft-wg)", encrypted);
      print("hand-built wireguard-go tunnel, VXLAN over it", handWg);
      print("weft plain (kernel VXLAN)", plain);
      print("hand-built kernel VXLAN", handVxlan);
      print("the underlay (veth and bridge)", underlay);
      System.out.printf(Locale.ROOT, "relay: host1/host2 cut, traffic through host3 after %.0f ms; "
          + "iperf3 through the relay %.2f Gbit/s; healed, direct again after %.0f ms%n",
          relay.toRelayMillis(), relay.throughGbit(), relay.directAgainMillis());
      System.out.printf(Locale.ROOT, "agent restarts on host2 with a stream running from host1: longest gap "
          + "%.0f ms (docker kill weft %.0f ms, weft launch again %.0f ms, docker restart weft %.0f ms)%n",
          restarts.longest(), restarts.kill(), restarts.launch(), restarts.restart());
      System.out.println("CPU: iperf3 at both ends (as it reports itself), plus every wireguard-go "
          + "process, in cores per Gbit/s; the kernel's VXLAN and softirq work counts where it ran. "
          + "This machine is shared: figures taken under other sessions' load.");
      double e = encrypted.gbit.median();
      double w = handWg.gbit.median();
      double p = plain.gbit.median();
      double v = handVxlan.gbit.median();
      double u = underlay.gbit.median();
      System.out.printf(Locale.ROOT, "wire encrypted_gbit=%.2f wg_hand_gbit=%.2f plain_gbit=%.2f "
          + "vxlan_hand_gbit=%.2f underlay_gbit=%.2f enc_ratio=%.2f plain_ratio=%.2f%n", e, w, p, v, u,
          e / w, p / v);
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
      sandbox.down();
    }
  }

  /** Throughputs and CPU per Gbit/s of one path, over the runs. */
  static final class Measured {
    final Stats gbit = new Stats();
    final Stats coresPerGbit = new Stats();

    void add(Iperf.Run run, double wireguardCores) {
      gbit.add(run.gbit());
      coresPerGbit.add((run.iperfCores() + wireguardCores) / run.gbit());
    }

    void add(CpuRun run) {
      add(run.run(), run.wireguardCores());
    }
  }

  record CpuRun(Iperf.Run run, double wireguardCores) {}

  interface Measure {
    Iperf.Run run();
  }

  /**
   * Weft's run and the reference's, first one then the other, swapped every round: a path measured
   * always first (or always after the other) would carry what the order does to it (a machine
   * still busy with the last run, caches warm or cold) in every figure.
   */
  static void inTurn(int round, Runnable weft, Runnable reference) {
    if (round % 2 == 0) {
      weft.run();
      reference.run();
    } else {
      reference.run();
      weft.run();
    }
  }

  /** A run, with the cores every wireguard-go process of the machine used meanwhile. */
  static CpuRun wireguardCpu(Measure measure) {
    Map<String, Double> before = CpuTime.of("wireguard-go");
    long start = System.nanoTime();
    Iperf.Run run = measure.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new CpuRun(run, CpuTime.between(before, CpuTime.of("wireguard-go")) / seconds);
  }

  private static void print(String what, Measured m) {
    System.out.printf(Locale.ROOT, "%-48s %6.2f Gbit/s (median of %d: %.2f..%.2f), %.2f cores per Gbit/s%n",
        what, m.gbit.median(), m.gbit.count(), m.gbit.percentile(0), m.gbit.percentile(100),
        m.coresPerGbit.median());
  }

  /** weft launch on each host, each joining the first; the first founds a plain fleet when asked. */
  static void launch(List<SandboxHost> hosts, boolean plain) {
    String password = null;
    try {
      for (int i = 0; i < hosts.size(); i++) {
        System.setProperty(DockerClients.HOST_PROPERTY, hosts.get(i).dockerHost());
        int status = i > 0 ? WeftCli.run("launch", "--password-file", password, hosts.get(0).address())
            : plain ? WeftCli.run("launch", "--no-encrypt") : WeftCli.run("launch");
        if (status != 0) {
          throw new IllegalStateException("launch failed on " + hosts.get(i).name());
        }
        if (i == 0) {
          password = PasswordFiles.ofAgentOn(hosts.get(0).dockerHost()).toString();
        }
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }

  /** A container on each of two hosts, on weft: {@value #A} and {@value #B}. */
  record Pair(SandboxHost a, SandboxHost b, String ca, String cb, long pidA, long pidB) {

    static Pair attach(SandboxHost a, SandboxHost b) {
      String ca = container(a, A);
      String cb = container(b, B);
      return new Pair(a, b, ca, cb, pid(a, ca), pid(b, cb));
    }

    private static String container(SandboxHost host, String address) {
      try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
        String id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
        docker.startContainerCmd(id).exec();
        System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
        if (WeftCli.run("attach", address + "/12", id) != 0) {
          throw new IllegalStateException("attach failed on " + host.name());
        }
        return id;
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      } finally {
        System.clearProperty(DockerClients.HOST_PROPERTY);
      }
    }

    private static long pid(SandboxHost host, String id) {
      try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
        return docker.inspectContainerCmd(id).exec().getState().getPidLong();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    List<String> inA() {
      return List.of("nsenter", "--net=/proc/" + pidA + "/ns/net");
    }

    List<String> inB() {
      return List.of("nsenter", "--net=/proc/" + pidB + "/ns/net");
    }

    Iperf.Run iperf() {
      return Iperf.run(inB(), inA(), B);
    }

    void remove() {
      HostProcess.of("docker", "-H", a.dockerHost(), "rm", "-f", ca).runAllowingFailure();
      HostProcess.of("docker", "-H", b.dockerHost(), "rm", "-f", cb).runAllowingFailure();
    }
  }

  /** The pair's path as host1's agent last wrote it: {@code direct} or {@code relayed}. */
  static String path(SandboxHost from, String to) {
    String view = HostProcess.of("docker", "-H", from.dockerHost(), "exec", "weft", "cat",
        "/var/lib/weft/wire-view.json").runAllowingFailure().stdout();
    if (view.isBlank()) {
      return "unknown";
    }
    for (Object o : new JsonObject(view).getJsonArray("hosts", new JsonArray())) {
      JsonObject h = (JsonObject) o;
      if (to.equals(h.getString("name"))) {
        return h.getString("path");
      }
    }
    return "unknown";
  }

  /** Cut host1/host2 with pings running: until they flow through the relay; iperf3 through it; healed: until direct. */
  record Relay(double toRelayMillis, double throughGbit, double directAgainMillis) {

    static Relay measure(Sandbox sandbox, Pair pair, SandboxHost h1, SandboxHost h2) throws Exception {
      Pings pings = Pings.start(pair.inA(), B);
      Thread.sleep(1000); // pings flowing before the cut: the measurement's start line
      long cut = System.nanoTime();
      sandbox.cut(h1.name() + "/" + h2.name());
      double toRelay = pings.firstReplyAfter(cut, 60_000);
      Iperf.Run through = pair.iperf();
      long healed = System.nanoTime();
      sandbox.heal();
      long bound = healed + 60_000_000_000L;
      while (!"direct".equals(path(h1, h2.name()))) {
        if (System.nanoTime() > bound) {
          throw new IllegalStateException("not direct again within 60 s of the heal");
        }
        Thread.sleep(50); // polling the agent's view: the measurement's grain
      }
      double direct = (System.nanoTime() - healed) / 1e6;
      pings.stop();
      return new Relay(toRelay, through.gbit(), direct);
    }
  }

  /** A stream from host1 to host2 while host2's agent is killed, launched again, restarted. */
  record Restarts(double longest, double kill, double launch, double restart) {

    static Restarts measure(Pair pair, List<SandboxHost> hosts) throws Exception {
      SandboxHost h2 = pair.b();
      String password = PasswordFiles.ofAgentOn(hosts.get(0).dockerHost()).toString();
      int seconds = 45;
      double interval = 0.1;
      List<Iperf.Run> result = new ArrayList<>();
      Thread stream = new Thread(() -> result.add(Iperf.run(pair.inB(), pair.inA(), B, seconds, interval)));
      long start = System.nanoTime();
      stream.start();
      sleepUntil(start, 5);
      double killAt = (System.nanoTime() - start) / 1e9;
      HostProcess.of("docker", "-H", h2.dockerHost(), "kill", "weft").run();
      sleepUntil(start, 12);
      double launchAt = (System.nanoTime() - start) / 1e9;
      System.setProperty(DockerClients.HOST_PROPERTY, h2.dockerHost());
      try {
        WeftCli.run("launch", "--password-file", password, hosts.get(0).address());
      } finally {
        System.clearProperty(DockerClients.HOST_PROPERTY);
      }
      sleepUntil(start, 28);
      double restartAt = (System.nanoTime() - start) / 1e9;
      HostProcess.of("docker", "-H", h2.dockerHost(), "restart", "weft").timeoutSeconds(60).run();
      stream.join();
      List<Double> intervals = result.get(0).intervalsGbit();
      return new Restarts(longestGap(intervals, interval, 0, seconds),
          longestGap(intervals, interval, killAt, launchAt), longestGap(intervals, interval, launchAt, restartAt),
          longestGap(intervals, interval, restartAt, seconds));
    }

    /** The longest run of intervals carrying under 1 % of the stream's median, between two times, in ms. */
    static double longestGap(List<Double> intervals, double interval, double from, double to) {
      List<Double> sorted = new ArrayList<>(intervals);
      java.util.Collections.sort(sorted);
      double floor = sorted.get(sorted.size() / 2) * 0.01;
      int longest = 0;
      int run = 0;
      for (int i = 0; i < intervals.size(); i++) {
        double t = i * interval;
        if (t < from || t >= to) {
          run = 0;
          continue;
        }
        run = intervals.get(i) < floor ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      return longest * interval * 1000;
    }

    private static void sleepUntil(long start, double seconds) throws InterruptedException {
      long wait = start + (long) (seconds * 1e9) - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000); // the schedule of the events along the stream
      }
    }
  }
}
