package io.weft.bench.fleet;

import io.weft.common.process.HostProcess;
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
 * {@code bench/run restart [RUNS] [CONTAINERS]}: a launched fleet of two sandbox hosts; on host2,
 * CONTAINERS (3) containers on weft with {@code docker run --net=weft --restart=always --ip}; then
 * RUNS (5) power cuts of host2 ({@code weft sandbox restart host2}), each timed from the cut to
 * the moment every one of them answers a ping from a container on host1, and from host2's engine
 * answering (Docker answers once it has restored its containers) to that moment. Prints the
 * median and the worst of each.
 */
public final class RestartBenchmark {

  private static final long REACH_BOUND_NANOS = 180_000_000_000L;

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int containers = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(2, AgentImage.fromBuildTree(home));
    try {
      ChainLaunch.launch(hosts);
      SandboxHost host1 = hosts.get(0);
      SandboxHost host2 = hosts.get(1);
      docker(host1, "run", "-d", "--name", "prober", "--net=weft", DebianBase.IMAGE, "sleep", "infinity");
      List<String> addresses = new ArrayList<>();
      for (int i = 1; i <= containers; i++) {
        String address = "10.32.77." + i;
        docker(host2, "run", "-d", "--name", "keep" + i, "--restart=always", "--net=weft", "--ip", address,
            DebianBase.IMAGE, "sleep", "infinity");
        addresses.add(address);
      }
      reachAll(host1, addresses, System.nanoTime());

      Stats fromCut = new Stats();
      Stats fromAnswer = new Stats();
      for (int run = 1; run <= runs; run++) {
        long cut = System.nanoTime();
        sandbox.restart(host2.name()); // returns once the engine answers
        long answered = System.nanoTime();
        long reached = reachAll(host1, addresses, cut);
        fromCut.add((reached - cut) / 1e6);
        fromAnswer.add((reached - answered) / 1e6);
        System.out.printf(Locale.ROOT, "run %d: engine answered %.0f ms after the cut; all %d reachable %.0f ms "
            + "after the cut, %.0f ms after the engine answered%n", run, (answered - cut) / 1e6, containers,
            (reached - cut) / 1e6, (reached - answered) / 1e6);
      }
      System.out.printf(Locale.ROOT, "restart runs=%d containers=%d cut_to_reachable_median_ms=%.0f "
              + "cut_to_reachable_worst_ms=%.0f answered_to_reachable_median_ms=%.0f "
              + "answered_to_reachable_worst_ms=%.0f%n", runs, containers, fromCut.median(), fromCut.percentile(100),
          fromAnswer.median(), fromAnswer.percentile(100));
    } finally {
      sandbox.down();
    }
  }

  /** When every address first answered a ping from the prober on {@code host}. */
  private static long reachAll(SandboxHost host, List<String> addresses, long since) {
    int prober = Integer.parseInt(docker(host, "inspect", "-f", "{{.State.Pid}}", "prober").strip());
    for (String address : addresses) {
      while (HostProcess.of("nsenter", "--net=/proc/" + prober + "/ns/net", "ping", "-c", "1", "-W", "0.2",
          address).runAllowingFailure().exitCode() != 0) {
        if (System.nanoTime() - since > REACH_BOUND_NANOS) {
          throw new IllegalStateException(address + " not reached within 180 s");
        }
      }
    }
    return System.nanoTime();
  }

  private static String docker(SandboxHost host, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker", "-H", host.dockerHost()));
    argv.addAll(List.of(args));
    return HostProcess.of(argv).timeoutSeconds(300).run();
  }
}
