package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentPeers;
import io.weft.docker.agent.WireContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run rest [HOSTS] [SECONDS] [SETTLE]}: what an agent costs while nothing happens. A
 * fresh sandbox of HOSTS hosts (3 by default), weft launched on each (DNS, the bridge and Docker's
 * network plugin on, as they are by default), a container on weft on each through {@code docker run
 * --net=weft}; once every host sees every peer {@code ok}, SETTLE seconds (60) for start-up's work to
 * end, then each agent's resident memory, CPU time and threads from {@code /proc} over SECONDS (120):
 * a row a minute, one line per agent, and last {@code rest hosts=N seconds=S rss_mb_avg=..
 * rss_mb_max=.. cpu_pct_avg=.. cpu_pct_max=.. rss_growth_mb_max=.. threads_avg=..}.
 */
public final class RestBenchmark {

  private static final long ROW_NANOS = 60_000_000_000L;

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    int settle = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(count, AgentImage.fromBuildTree(home));
    try {
      List<Double> launches = ChainLaunch.launch(hosts);
      System.out.printf(Locale.ROOT, "launched %d hosts, the last in %.0f ms%n", count,
          launches.get(launches.size() - 1));
      for (SandboxHost host : hosts) {
        HostProcess.of("docker", "-H", host.dockerHost(), "run", "-d", "--net=weft", "--name", "resting",
            DebianBase.IMAGE, "sleep", "infinity").run();
      }
      awaitWhole(hosts);
      Thread.sleep(settle * 1000L); // rest is what comes after start-up's work, whatever its length
      List<AgentUsage> agents = hosts.stream().map(AgentUsage::of).toList();
      // an encrypted fleet's data plane costs wireguard-go's process too: counted beside the agent
      List<AgentUsage> wires = hosts.stream().map(h -> AgentUsage.of(h, WireContainer.NAME)).toList();
      List<AgentUsage.Sample> wiresFirst = wires.stream().map(AgentUsage::sample).toList();
      List<AgentUsage.Sample> first = agents.stream().map(AgentUsage::sample).toList();
      List<AgentUsage.Sample> last = first;
      List<Long> maxRss = new ArrayList<>(first.stream().map(AgentUsage.Sample::rssKb).toList());
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long nextRow = System.nanoTime() + Math.min(ROW_NANOS, seconds * 1_000_000_000L);
      List<AgentUsage.Sample> rowStart = first;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        last = agents.stream().map(AgentUsage::sample).toList();
        for (int i = 0; i < agents.size(); i++) {
          maxRss.set(i, Math.max(maxRss.get(i), last.get(i).rssKb()));
        }
        if (System.nanoTime() >= nextRow) {
          row(first.get(0).nanos(), rowStart, last);
          rowStart = last;
          nextRow += ROW_NANOS;
        }
      }
      double cpuSum = 0;
      double cpuMax = 0;
      double rssSum = 0;
      double growthMax = Double.NEGATIVE_INFINITY;
      double threads = 0;
      for (int i = 0; i < agents.size(); i++) {
        double cpu = last.get(i).cpuPercentSince(first.get(i));
        double growth = (last.get(i).rssKb() - first.get(i).rssKb()) / 1024.0;
        System.out.printf(Locale.ROOT, "%-7s rss %5.1f -> %5.1f MB (max %5.1f), cpu %.2f %% of a core, %d threads%n",
            agents.get(i).host().name(), first.get(i).rssKb() / 1024.0, last.get(i).rssKb() / 1024.0,
            maxRss.get(i) / 1024.0, cpu, last.get(i).threads());
        cpuSum += cpu;
        cpuMax = Math.max(cpuMax, cpu);
        rssSum += last.get(i).rssKb() / 1024.0;
        growthMax = Math.max(growthMax, growth);
        threads += last.get(i).threads();
      }
      double wireCpu = 0;
      double wireRss = 0;
      for (int i = 0; i < wires.size(); i++) {
        AgentUsage.Sample now = wires.get(i).sample();
        wireCpu += now.cpuPercentSince(wiresFirst.get(i));
        wireRss += now.rssKb() / 1024.0;
      }
      System.out.printf(Locale.ROOT, "rest-wire hosts=%d seconds=%d wg_rss_mb_avg=%.1f wg_cpu_pct_avg=%.2f"
          + " agent_and_wg_cpu_pct_avg=%.2f%n", count, seconds, wireRss / count, wireCpu / count,
          (cpuSum + wireCpu) / count);
      double rssMax = maxRss.stream().mapToLong(Long::longValue).max().orElseThrow() / 1024.0;
      System.out.printf(Locale.ROOT, "rest hosts=%d seconds=%d rss_mb_avg=%.1f rss_mb_max=%.1f cpu_pct_avg=%.2f"
              + " cpu_pct_max=%.2f rss_growth_mb_max=%.1f threads_avg=%.0f%n",
          count, seconds, rssSum / count, rssMax, cpuSum / count, cpuMax, growthMax, threads / count);
    } finally {
      sandbox.down();
    }
  }

  /** A minute's row: the fleet's average and largest resident memory, and CPU over the minute. */
  private static void row(long since, List<AgentUsage.Sample> from, List<AgentUsage.Sample> to) {
    double cpu = 0;
    double rss = 0;
    long rssMax = 0;
    for (int i = 0; i < to.size(); i++) {
      cpu += to.get(i).cpuPercentSince(from.get(i));
      rss += to.get(i).rssKb();
      rssMax = Math.max(rssMax, to.get(i).rssKb());
    }
    System.out.printf(Locale.ROOT, "%5.0f s: rss avg %.1f MB, max %.1f MB; cpu avg %.2f %% of a core%n",
        (to.get(0).nanos() - since) / 1e9, rss / to.size() / 1024, rssMax / 1024.0, cpu / to.size());
  }

  /** Until every host's agent lists every host as a peer, healthy. */
  private static void awaitWhole(List<SandboxHost> hosts) throws Exception {
    long bound = System.nanoTime() + 120_000_000_000L;
    for (SandboxHost host : hosts) {
      try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
        AgentPeers peers = new AgentPeers(docker);
        while (!whole(peers.view(), hosts.size())) {
          if (System.nanoTime() > bound) {
            throw new IllegalStateException(host.name() + " does not see a whole fleet of "
                + hosts.size() + " within 120 s: " + peers.view().encode());
          }
          Thread.sleep(250);
        }
      }
    }
  }

  private static boolean whole(JsonObject view, int count) {
    var list = view.getJsonArray("peers");
    if (list == null || list.size() != count) {
      return false;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!"ok".equals(list.getJsonObject(i).getString("health"))) {
        return false;
      }
    }
    return true;
  }
}
