package io.weft.bench.fleet;

import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxLock;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code bench/run plugin [RUNS] [CONCURRENT]}: on a fresh three-host sandbox with weft launched,
 * the time from the start of the user's command to a running container that answers a ping,
 * three ways, RUNS (20) each, taken in turn so that drift hits all alike: {@code docker run
 * --net=weft} (reached from a container on another host); {@code docker run --net=none} then
 * {@code weft attach} (the same); {@code docker run} on a bridge network of Docker's own
 * (reached from its host, the only place that can). Then CONCURRENT (20) {@code docker run --net=weft} at once on
 * each of the three hosts: the wall time, and whether every address is the fleet's only one.
 * Everything through the machine's {@code docker} and {@code weft} command lines.
 */
public final class PluginBenchmark {

  private static final String IMAGE = DebianBase.IMAGE;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(home));
    try {
      ChainLaunch.launch(hosts);
      SandboxHost host1 = hosts.get(0);
      SandboxHost host2 = hosts.get(1);
      docker(host2, "run", "-d", "--name", "prober", "--net=weft", IMAGE, "sleep", "infinity");
      // the sandbox's engines have no default bridge: a bridge network of Docker's own instead
      docker(host1, "network", "create", "plain");
      int prober = pid(host2, "prober");

      Stats plugin = new Stats();
      Stats attach = new Stats();
      Stats bridge = new Stats();
      // every container stays to the end, so that each gets an address no container had before
      for (int i = 0; i < runs + 2; i++) {
        String viaPlugin = "plugin" + i;
        String viaAttach = "attach" + i;
        String viaBridge = "bridge" + i;
        double a = timeToReach(host1, () -> {
          docker(host1, "run", "-d", "--name", viaPlugin, "--net=weft", IMAGE, "sleep", "infinity");
          return address(host1, viaPlugin, "weft");
        }, prober);
        double b = timeToReach(host1, () -> {
          docker(host1, "run", "-d", "--name", viaAttach, "--net=none", IMAGE, "sleep", "infinity");
          weft(home, host1, "attach", viaAttach);
          return address(host1, viaAttach, null);
        }, prober);
        double c = timeToReach(host1, () -> {
          docker(host1, "run", "-d", "--name", viaBridge, "--net=plain", IMAGE, "sleep", "infinity");
          return address(host1, viaBridge, "plain");
        }, -1);
        if (i >= 2) { // the first two warm the engines' caches
          plugin.add(a);
          attach.add(b);
          bridge.add(c);
        }
      }
      java.util.Map<String, double[]> serial = pluginCalls(host1);
      print("docker run --net=weft", plugin);
      print("docker run --net=none + weft attach", attach);
      print("docker run on Docker's bridge driver", bridge);

      long start = System.nanoTime();
      List<String> addresses = runAtOnce(hosts, concurrent);
      double wall = (System.nanoTime() - start) / 1e6;
      Set<String> unique = new HashSet<>(addresses);
      System.out.printf(Locale.ROOT, "%d x docker run --net=weft at once on each of 3 hosts: %.0f ms, "
          + "%d addresses, %d unique%n", concurrent, wall, addresses.size(), unique.size());
      printPluginCalls("one at a time", serial, java.util.Map.of());
      printPluginCalls("60 at once, on host1", pluginCalls(host1), serial);
      System.out.printf(Locale.ROOT, "plugin run_ms=%.0f attach_ms=%.0f bridge_ms=%.0f plugin_vs_attach=%.2f "
              + "plugin_vs_bridge=%.2f concurrent_ms=%.0f unique=%b%n",
          plugin.median(), attach.median(), bridge.median(), plugin.median() / attach.median(),
          plugin.median() / bridge.median(), wall, unique.size() == addresses.size());
    } finally {
      sandbox.down();
    }
  }

  /**
   * Milliseconds from the start of {@code start} (which runs a container and returns its
   * address) to its first answered ping: from the prober's namespace, or {@code host}'s when
   * {@code prober} is -1.
   */
  private static double timeToReach(SandboxHost host, Supplier<String> start, int prober) {
    long begin = System.nanoTime();
    String address = start.get();
    List<String> ping = prober > 0
        ? List.of("nsenter", "--net=/proc/" + prober + "/ns/net", "ping", "-c", "1", "-W", "0.2", address)
        : List.of("ip", "netns", "exec", host.name(), "ping", "-c", "1", "-W", "0.2", address);
    long deadline = begin + 30_000_000_000L;
    while (HostProcess.of(ping).runAllowingFailure().exitCode() != 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(address + " not reached within 30 s");
      }
    }
    return (System.nanoTime() - begin) / 1e6;
  }

  private static List<String> runAtOnce(List<SandboxHost> hosts, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(each * hosts.size());
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (SandboxHost host : hosts) {
        for (int i = 0; i < each; i++) {
          String name = "many" + i;
          runs.add(pool.submit(() -> {
            docker(host, "run", "-d", "--name", name, "--net=weft", IMAGE, "sleep", "infinity");
            return address(host, name, "weft");
          }));
        }
      }
      List<String> addresses = new ArrayList<>();
      for (Future<String> run : runs) {
        addresses.add(run.get());
      }
      return addresses;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The container's address on {@code network}, or on weft's ethwe when null. */
  private static String address(SandboxHost host, String container, String network) {
    if (network == null) {
      String out = HostProcess.of("nsenter", "--net=/proc/" + pid(host, container) + "/ns/net",
          "ip", "-4", "-o", "addr", "show", "dev", "ethwe").run();
      return out.split("\\s+")[3].split("/")[0];
    }
    return docker(host, "inspect", "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container).strip();
  }

  private static int pid(SandboxHost host, String container) {
    return Integer.parseInt(docker(host, "inspect", "-f", "{{.State.Pid}}", container).strip());
  }

  private static String docker(SandboxHost host, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker", "-H", host.dockerHost()));
    argv.addAll(List.of(args));
    ProcessResult result = HostProcess.of(argv).runAllowingFailure();
    if (result.exitCode() != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + ": " + result.stderr());
    }
    return result.stdout();
  }

  private static void weft(Path home, SandboxHost host, String... args) {
    List<String> argv = new ArrayList<>(List.of(home.resolve("weft").toString()));
    argv.addAll(List.of(args));
    HostProcess.of(argv).withEnvironment("DOCKER_HOST", host.dockerHost()).run();
  }

  /**
   * How long the agent took to answer Docker's plugin calls on {@code host}, from its metrics:
   * each call's count and total seconds so far. Read from inside the host, where the agent's
   * metrics are served (its loopback, or its underlay address).
   */
  private static java.util.Map<String, double[]> pluginCalls(SandboxHost host) {
    String metrics = "";
    for (String address : List.of("127.0.0.1", host.address())) {
      ProcessResult got = HostProcess.of("ip", "netns", "exec", host.name(), "curl", "-sf", "--max-time", "5",
          "http://" + address + ":6782/metrics").runAllowingFailure();
      if (got.exitCode() == 0) {
        metrics = got.stdout();
        break;
      }
    }
    java.util.Map<String, double[]> calls = new java.util.TreeMap<>();
    java.util.regex.Pattern line = java.util.regex.Pattern.compile(
        "weft_plugin_calls_seconds_(count|sum)\\{call=\"([^\"]+)\",host=\"[^\"]*\",result=\"ok\"} (\\S+)");
    for (String text : metrics.lines().toList()) {
      java.util.regex.Matcher m = line.matcher(text);
      if (m.matches()) {
        double[] figures = calls.computeIfAbsent(m.group(2), k -> new double[2]);
        figures["count".equals(m.group(1)) ? 0 : 1] = Double.parseDouble(m.group(3));
      }
    }
    return calls;
  }

  /** Each call's count and mean between {@code before} and {@code now}. */
  private static void printPluginCalls(String phase, java.util.Map<String, double[]> now,
      java.util.Map<String, double[]> before) {
    if (now.isEmpty()) {
      System.out.println("plugin calls: the agent's metrics could not be read");
    }
    now.forEach((call, f) -> {
      double[] b = before.getOrDefault(call, new double[2]);
      double count = f[0] - b[0];
      if (count > 0) {
        System.out.printf(Locale.ROOT, "plugin call %s (%s): n=%.0f mean=%.2f ms%n", call, phase, count,
            (f[1] - b[1]) / count * 1000);
      }
    });
  }

  private static void print(String way, Stats stats) {
    System.out.printf(Locale.ROOT, "%s: runs=%d to reachable p50=%.0f ms p90=%.0f ms%n", way, stats.count(),
        stats.median(), stats.percentile(90));
  }
}
