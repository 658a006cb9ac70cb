package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run cli}: a one-shot {@code ./weft status} through a sandbox host's Docker API,
 * started to done, with weft launched there; beside it, in the same rounds, the same command on
 * the full road (picocli and docker-java), and the brief's reference points: {@code docker exec}
 * of a trivial command in the agent's container and {@code docker run --rm} of one.
 */
public final class CliBenchmark {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxHost host = BenchSandbox.firstHost(home);
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      if (!AgentContainer.isRunning(docker)) {
        BenchSandbox.launch(host);
      }
    }
    String weft = home.resolve("weft").toString();
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("weft status", List.of(weft, "status"));
    commands.put("weft status, full road", List.of(weft, "status"));
    commands.put("docker exec weft true", List.of("docker", "exec", "weft", "true"));
    commands.put("docker run --rm true", List.of("docker", "run", "--rm", DebianBase.IMAGE, "true"));
    Map<String, Stats> stats = new LinkedHashMap<>();
    commands.keySet().forEach(name -> stats.put(name, new Stats()));
    for (int round = 0; round < rounds + 2; round++) {
      for (Map.Entry<String, List<String>> command : commands.entrySet()) {
        HostProcess process = HostProcess.of(command.getValue())
            .withEnvironment("DOCKER_HOST", host.dockerHost());
        if (command.getKey().endsWith("full road")) {
          process = process.withEnvironment("WEFT_JAVA_OPTS", "-Dweft.cli.quick=false");
        }
        long start = System.nanoTime();
        process.run();
        double millis = (System.nanoTime() - start) / 1e6;
        if (round >= 2) { // the first two warm the engine's and the file system's caches
          stats.get(command.getKey()).add(millis);
        }
      }
    }
    for (Map.Entry<String, Stats> entry : stats.entrySet()) {
      System.out.printf(Locale.ROOT, "%-24s runs=%d p50=%.1f ms p90=%.1f ms%n", entry.getKey(),
          entry.getValue().count(), entry.getValue().median(), entry.getValue().percentile(90));
    }
    double quick = stats.get("weft status").median();
    System.out.printf(Locale.ROOT,
        "cli weft_ms=%.1f full_road_ms=%.1f docker_exec_ms=%.1f docker_run_ms=%.1f"
            + " weft_vs_docker_exec=%.2f weft_vs_docker_run=%.2f%n",
        quick, stats.get("weft status, full road").median(), stats.get("docker exec weft true").median(),
        stats.get("docker run --rm true").median(), quick / stats.get("docker exec weft true").median(),
        quick / stats.get("docker run --rm true").median());
  }
}
