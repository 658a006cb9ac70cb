package io.weft.bench.scale;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.AgentPeers;
import io.weft.docker.engine.DockerClients;
import io.weft.shell.sandbox.SandboxHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fleet looks like from its hosts, read the ways an operator and the kernel would: each
 * host's peer table (through its Docker API), each host's VXLAN forwarding and neighbour entries,
 * its established cluster connections, and its agent's log.
 */
final class FleetWatch {

  /** Lines that say a member was suspected: by its heartbeats, or by its host's silence. */
  private static final Pattern SUSPICION = Pattern.compile("Suspecting |stopped acknowledging");
  private static final Pattern MERGE = Pattern.compile("(?i)merging to ");
  private static final Pattern KEYS = Pattern.compile("fleet keys made in (\\d+) ms");
  private static final Set<String> CLUSTER_PORTS = Set.of("6783", "6785");

  private final List<SandboxHost> hosts;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  FleetWatch(List<SandboxHost> hosts) {
    this.hosts = hosts;
  }

  /** How many of {@code among} every one of them sees in its peer table with health {@code ok}. */
  int okEverywhere(List<SandboxHost> among) throws Exception {
    List<Future<Set<String>>> views = new ArrayList<>();
    for (SandboxHost h : among) {
      views.add(pool.submit(() -> okSeenBy(h)));
    }
    Set<String> common = null;
    for (Future<Set<String>> view : views) {
      Set<String> ok = view.get();
      if (common == null) {
        common = new TreeSet<>(ok);
      } else {
        common.retainAll(ok);
      }
    }
    if (common == null) {
      return 0;
    }
    Set<String> names = new TreeSet<>();
    among.forEach(h -> names.add(h.name()));
    common.retainAll(names);
    return common.size();
  }

  private static Set<String> okSeenBy(SandboxHost host) {
    Set<String> ok = new TreeSet<>();
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      for (Object p : new AgentPeers(docker).view().getJsonArray("peers", new JsonArray())) {
        JsonObject peer = (JsonObject) p;
        if ("ok".equals(peer.getString("health"))) {
          ok.add(peer.getString("name"));
        }
      }
    } catch (Exception e) {
      // a host whose agent does not answer sees nobody
    }
    return ok;
  }

  /** True when {@code observer}'s kernel floods weft's broadcasts to {@code vtep}. */
  static boolean floodsTo(SandboxHost observer, String vtep) {
    String out = HostProcess.of("ip", "netns", "exec", observer.name(), "bridge", "-j", "fdb", "show",
        "dev", "vxlan-weft").runAllowingFailure().stdout();
    if (out.isBlank()) {
      return false;
    }
    for (Object o : new JsonArray(out)) {
      JsonObject entry = (JsonObject) o;
      if ("00:00:00:00:00:00".equals(entry.getString("mac")) && vtep.equals(entry.getString("dst"))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code observer}'s kernel answers ARP for {@code ip} on the VXLAN device. */
  static boolean knowsNeighbour(SandboxHost observer, String ip) {
    String out = HostProcess.of("ip", "-n", observer.name(), "neigh", "show", "dev", "vxlan-weft", "to", ip)
        .runAllowingFailure().stdout();
    return out.contains(ip);
  }

  /** Established TCP connections in {@code host}'s namespace from or to the cluster's ports. */
  static int clusterConnections(SandboxHost host) {
    String out = HostProcess.of("ip", "netns", "exec", host.name(), "ss", "-Htn", "state", "established")
        .run();
    int count = 0;
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && (CLUSTER_PORTS.contains(port(f[f.length - 2]))
          || CLUSTER_PORTS.contains(port(f[f.length - 1])))) {
        count++;
      }
    }
    return count;
  }

  private static String port(String address) {
    return address.substring(address.lastIndexOf(':') + 1);
  }

  /** The agent's whole log on {@code host}, through the docker CLI. */
  static String log(SandboxHost host) {
    return HostProcess.of("docker", "-H", host.dockerHost(), "logs", AgentContainer.NAME)
        .timeoutSeconds(60).runAllowingFailure().stdout();
  }

  /** The first key derivation of the agent on {@code host}, from its log; 0 when it read them. */
  static long keysMillis(SandboxHost host) {
    Matcher m = KEYS.matcher(log(host));
    long last = 0;
    while (m.find()) {
      last = Long.parseLong(m.group(1));
    }
    return last;
  }

  static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Suspicions and merges in every agent's log, and restarts of every agent's container. */
  record Trouble(int suspicions, int merges, int restarts) {}

  Trouble trouble() throws Exception {
    int suspicions = 0;
    int merges = 0;
    int restarts = 0;
    for (SandboxHost h : hosts) {
      String log = log(h);
      suspicions += count(SUSPICION, log);
      merges += count(MERGE, log);
      try (DockerClient docker = DockerClients.forHost(h.dockerHost())) {
        Integer r = docker.inspectContainerCmd(AgentContainer.NAME).exec().getRestartCount();
        restarts += r == null ? 0 : r;
      }
    }
    return new Trouble(suspicions, merges, restarts);
  }

  /** Waits for {@code condition}, checking every {@code everyMillis}; the seconds it took, or -1. */
  static double secondsUntil(BooleanSupplier condition, double boundSeconds, long everyMillis)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + (long) (boundSeconds * 1e9);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return -1;
      }
      Thread.sleep(everyMillis); // the polling interval of the check, not a stand-in for it
    }
    return (System.nanoTime() - start) / 1e9;
  }

  void close() {
    pool.shutdownNow();
  }
}
