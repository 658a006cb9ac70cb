package io.weft.bench.fleet;

import io.weft.common.process.HostProcess;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run restart [RUNS] [CONTAINERS]}: a launched fleet of two sandbox hosts; on host2,
 * CONTAINERS (3) containers on weft with {@code docker run --net=weft --restart=always --ip} and
 * one with {@code weft run --restart=always}; then RUNS (5) power cuts of host2 ({@code weft
 * sandbox restart host2}) and RUNS restarts of its engine alone ({@code weft sandbox restart
 * --engine host2}), each timed from the cut (or the engine's stop) to the moment every one of
 * them answers a ping from a container on host1, and from host2's engine answering (Docker
 * answers once it has restored its containers) to that moment. Prints the median and the worst
 * of each, for each kind of restart.
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
      String weftRun = "10.32.78.1";
      weftRun(host2, "run", weftRun + "/12", "--restart=always", "--name", "wkeep", DebianBase.IMAGE,
          "sleep", "infinity");
      addresses.add(weftRun);
      reachAll(host1, addresses, System.nanoTime());

      measure("power_cut", runs, addresses, host1, () -> sandbox.restart(host2.name()));
      measure("engine_restart", runs, addresses, host1, () -> sandbox.restartEngine(host2.name()));
    } finally {
      sandbox.down();
    }
  }

  /** RUNS restarts of one kind ({@code restart} returns once the engine answers), timed and summed up. */
  private static void measure(String kind, int runs, List<String> addresses, SandboxHost prober, Runnable restart) {
    Stats fromStart = new Stats();
    Stats fromAnswer = new Stats();
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      restart.run();
      long answered = System.nanoTime();
      long reached = reachAll(prober, addresses, start);
      fromStart.add((reached - start) / 1e6);
      fromAnswer.add((reached - answered) / 1e6);
      System.out.printf(Locale.ROOT, "%s run %d: engine answered %.0f ms after the restart began; all %d "
          + "reachable %.0f ms after it began, %.0f ms after the engine answered%n", kind, run,
          (answered - start) / 1e6, addresses.size(), (reached - start) / 1e6, (reached - answered) / 1e6);
    }
    System.out.printf(Locale.ROOT, "restart kind=%s runs=%d containers=%d start_to_reachable_median_ms=%.0f "
            + "start_to_reachable_worst_ms=%.0f answered_to_reachable_median_ms=%.0f "
            + "answered_to_reachable_worst_ms=%.0f%n", kind, runs, addresses.size(), fromStart.median(),
        fromStart.percentile(100), fromAnswer.median(), fromAnswer.percentile(100));
  }

  /** {@code weft ARGS} against {@code host}'s engine, in this JVM. */
  private static void weftRun(SandboxHost host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      if (WeftCli.run(args) != 0) {
        throw new IllegalStateException("weft " + String.join(" ", args) + " failed on " + host.name());
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
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
