package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run cli [ROUNDS]}: one-shot {@code ./weft status}, {@code ps} and {@code attach}
 * through a sandbox host's Docker API, started to done, with weft launched there; beside them, in
 * the same rounds, {@code status} on a machine without the docker CLI (the JVM's quick path) and
 * on the full road (picocli and docker-java), and the brief's reference points: {@code docker
 * exec} of a trivial command in the agent's container and {@code docker run --rm} of one. Each
 * attach is of a container that has no address, taken off again after. The last line's {@code
 * weft_vs_docker_exec} is the largest of status's, ps's and attach's ratios to {@code docker exec}.
 */
public final class CliBenchmark {

  private static final String CONTAINER = "cli-bench";

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
    docker(host, "rm", "-f", CONTAINER).runAllowingFailure();
    docker(host, "run", "-d", "--name", CONTAINER, DebianBase.IMAGE, "sleep", "infinity").run();
    Path noDocker = pathWithoutDocker();
    Map<String, HostProcess> commands = new LinkedHashMap<>();
    commands.put("weft status", weft(host, weft, "status"));
    commands.put("weft ps", weft(host, weft, "ps"));
    commands.put("weft attach", weft(host, weft, "attach", CONTAINER));
    commands.put("weft status, no docker CLI", weft(host, weft, "status")
        .withEnvironment("PATH", noDocker.toString()));
    commands.put("weft status, full road", weft(host, weft, "status")
        .withEnvironment("WEFT_JAVA_OPTS", "-Dweft.cli.quick=false"));
    commands.put("docker exec weft true", docker(host, "exec", "weft", "true"));
    commands.put("docker run --rm true", docker(host, "run", "--rm", DebianBase.IMAGE, "true"));
    Map<String, Stats> stats = new LinkedHashMap<>();
    commands.keySet().forEach(name -> stats.put(name, new Stats()));
    try {
      for (int round = 0; round < rounds + 2; round++) {
        for (Map.Entry<String, HostProcess> command : commands.entrySet()) {
          long start = System.nanoTime();
          ProcessResult result = command.getValue().runAllowingFailure();
          double millis = (System.nanoTime() - start) / 1e6;
          if (result.exitCode() != 0) {
            throw new IllegalStateException(command.getKey() + " failed: " + result.stderr());
          }
          if (round >= 2) { // the first two warm the engine's and the file system's caches
            stats.get(command.getKey()).add(millis);
          }
          if (command.getKey().equals("weft attach")) {
            weft(host, weft, "detach", CONTAINER).run();
          }
        }
      }
    } finally {
      docker(host, "rm", "-f", CONTAINER).runAllowingFailure();
    }
    for (Map.Entry<String, Stats> entry : stats.entrySet()) {
      System.out.printf(Locale.ROOT, "%-28s runs=%d p50=%.1f ms p90=%.1f ms%n", entry.getKey(),
          entry.getValue().count(), entry.getValue().median(), entry.getValue().percentile(90));
    }
    double exec = stats.get("docker exec weft true").median();
    double status = stats.get("weft status").median();
    double ps = stats.get("weft ps").median();
    double attach = stats.get("weft attach").median();
    System.out.printf(Locale.ROOT,
        "cli weft_ms=%.1f ps_ms=%.1f attach_ms=%.1f no_docker_cli_ms=%.1f full_road_ms=%.1f"
            + " docker_exec_ms=%.1f docker_run_ms=%.1f status_vs_docker_exec=%.2f ps_vs_docker_exec=%.2f"
            + " attach_vs_docker_exec=%.2f weft_vs_docker_exec=%.2f weft_vs_docker_run=%.2f%n",
        status, ps, attach, stats.get("weft status, no docker CLI").median(),
        stats.get("weft status, full road").median(), exec, stats.get("docker run --rm true").median(),
        status / exec, ps / exec, attach / exec, Math.max(status, Math.max(ps, attach)) / exec,
        status / stats.get("docker run --rm true").median());
  }

  private static HostProcess weft(SandboxHost host, String weft, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of(weft));
    argv.addAll(List.of(args));
    return HostProcess.of(argv).withEnvironment("DOCKER_HOST", host.dockerHost());
  }

  private static HostProcess docker(SandboxHost host, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("docker", "-H", host.dockerHost()));
    argv.addAll(List.of(args));
    return HostProcess.of(argv);
  }

  /** A PATH with what {@code ./weft} needs but no {@code docker}: a machine without the docker CLI. */
  private static Path pathWithoutDocker() throws Exception {
    Path dir = Files.createTempDirectory("weft-no-docker");
    dir.toFile().deleteOnExit();
    for (String program : List.of("java", "bash", "env", "find", "readlink", "dirname", "mv", "mvn")) {
      for (String folder : System.getenv("PATH").split(":")) {
        Path found = Path.of(folder, program);
        if (Files.isExecutable(found)) {
          Path link = dir.resolve(program);
          Files.createSymbolicLink(link, found.toRealPath());
          link.toFile().deleteOnExit();
          break;
        }
      }
    }
    return dir;
  }
}
