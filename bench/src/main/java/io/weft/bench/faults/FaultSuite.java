package io.weft.bench.faults;

import com.github.dockerjava.api.DockerClient;
import io.weft.bench.fleet.ChainLaunch;
import io.weft.bench.fleet.Stats;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.OutputFrames;
import io.weft.docker.image.AgentImage;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxLock;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run faults [ROUNDS] [HOSTS]}: a launched fleet of sandbox hosts (3 by default)
 * meets ROUNDS faults (20 by default) in turn, an agent killed, a host restarted, a host cut off
 * and healed, on each host by turns, while every host attaches, detaches, restarts and removes
 * containers. After each it checks the whole fleet (see {@link FleetCheck}) until it is right,
 * and prints a table and a last line {@code faults rounds=R duplicates=D leaks=L unhealed=U
 * heal_p50_s=X heal_max_s=Y}. A round not healed is printed with what was wrong and what each
 * agent warned of meanwhile.
 */
public final class FaultSuite {

  private static final long WARNINGS_SINCE_SECONDS = 180;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(count, AgentImage.fromBuildTree(home));
    Map<String, DockerClient> engines = new TreeMap<>();
    hosts.forEach(h -> engines.put(h.name(), DockerClients.forHost(h.dockerHost())));
    try {
      ChainLaunch.launch(hosts);
      FaultRound round = new FaultRound(sandbox, engines, 4096);
      List<FaultRound.Result> results = new ArrayList<>();
      Fault.Kind[] kinds = Fault.Kind.values();
      System.out.printf(Locale.ROOT, "%-5s %-14s %8s %8s %8s %8s %10s %6s %10s %7s%n", "round", "fault",
          "attaches", "detaches", "restarts", "failures", "duplicates", "leaks", "unanswered", "heal_s");
      for (int i = 0; i < rounds; i++) {
        Fault fault = new Fault(kinds[i % kinds.length], hosts.get((i / kinds.length) % hosts.size()).name());
        FaultRound.Result r = round.run(fault, i * 7919L);
        results.add(r);
        System.out.printf(Locale.ROOT, "%-5d %-14s %8d %8d %8d %8d %10d %6d %10d %7.1f%s%n", i + 1, fault,
            r.attaches(), r.detaches(), r.restarts(), r.failures(), r.check().duplicates(), r.check().leaks(),
            r.check().unanswered(), r.heal().toMillis() / 1000.0, r.healed() ? "" : "  NOT HEALED");
        if (!r.healed()) {
          r.check().problems().forEach(p -> System.out.println("      " + p));
          engines.forEach((name, engine) -> warnings(name, engine).forEach(w -> System.out.println("      " + w)));
          int number = i + 1;
          engines.forEach((name, engine) -> keepLog(home, number, name, engine));
        }
      }
      summarize(results);
    } finally {
      for (DockerClient engine : engines.values()) {
        engine.close();
      }
      sandbox.down();
    }
  }

  /** The agent's whole log, kept beside the build when a round did not heal. */
  private static void keepLog(Path home, int round, String host, DockerClient engine) {
    try {
      Path file = home.resolve("bench/target/fault-logs/round-" + round + "-" + host + ".log");
      Files.createDirectories(file.getParent());
      Files.writeString(file, agentLog(engine, 0));
      System.out.println("      " + host + "'s agent log: " + file);
    } catch (IOException | RuntimeException | InterruptedException e) {
      System.out.println("      " + host + ": agent log not kept (" + e.getMessage() + ")");
    }
  }

  /** What the host's agent warned of in the last minutes: what an unhealed round's cause is read from. */
  private static List<String> warnings(String host, DockerClient engine) {
    try {
      return agentLog(engine, (int) (Instant.now().getEpochSecond() - WARNINGS_SINCE_SECONDS)).lines()
          .filter(l -> l.contains(" WARNING ")).map(l -> host + " agent: " + l).toList();
    } catch (RuntimeException | InterruptedException e) {
      return List.of(host + ": no agent log (" + e.getMessage() + ")");
    }
  }

  /** The agent container's log since {@code since} (epoch seconds; 0 for all): its stdout, then its stderr. */
  private static String agentLog(DockerClient engine, int since) throws InterruptedException {
    OutputFrames output = engine.logContainerCmd("weft").withStdOut(true).withStdErr(true).withSince(since)
        .exec(new OutputFrames());
    output.awaitCompletion(10, TimeUnit.SECONDS);
    return output.stdout() + output.stderr();
  }

  private static void summarize(List<FaultRound.Result> results) {
    Map<Fault.Kind, Integer> byKind = new EnumMap<>(Fault.Kind.class);
    Stats heal = new Stats();
    int duplicates = 0;
    int leaks = 0;
    int unanswered = 0;
    int attaches = 0;
    int unhealed = 0;
    for (FaultRound.Result r : results) {
      byKind.merge(r.fault().kind(), 1, Integer::sum);
      heal.add(r.heal().toMillis() / 1000.0);
      duplicates += r.check().duplicates();
      leaks += r.check().leaks();
      unanswered += r.check().unanswered();
      attaches += r.attaches();
      unhealed += r.healed() ? 0 : 1;
    }
    System.out.println();
    System.out.println("faults by kind: " + byKind + "; attaches " + attaches + "; rounds not healed "
        + unhealed + "; unanswered hosts " + unanswered);
    System.out.printf(Locale.ROOT,
        "faults rounds=%d duplicates=%d leaks=%d unhealed=%d heal_p50_s=%.1f heal_max_s=%.1f%n",
        results.size(), duplicates, leaks, unhealed, heal.median(), heal.percentile(100));
  }
}
