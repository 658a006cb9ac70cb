package io.weft.shell.bench;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.docker.AgentGateway;
import io.weft.docker.DockerClients;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.HostProcess;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run attach}: the wall time of {@code ./weft attach} from the machine through a
 * sandbox host's Docker API, command line started to done, and of its netlink part inside the
 * agent, as the agent reports it. Makes a one-host sandbox when none is up.
 */
public final class AttachBenchmark {

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxHost host = BenchSandbox.firstHost(home);
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      if (new AgentGateway(docker).agentRunning()) {
        docker.removeContainerCmd(AgentContainer.NAME).withForce(true).exec();
      }
      Stats[] oneShot = measure(docker, host, home, iterations, 10);
      BenchSandbox.launch(host);
      Stats[] agent = measure(docker, host, home, iterations, 100);
      docker.removeContainerCmd(AgentContainer.NAME).withForce(true).exec();
      print("one-shot (weft not launched)", oneShot);
      print("through the launched agent", agent);
      System.out.printf(Locale.ROOT, "attach median_ms=%.1f netlink_median_ms=%.3f%n",
          oneShot[0].median(), oneShot[1].median());
    }
  }

  private static void print(String path, Stats[] stats) {
    System.out.printf(Locale.ROOT,
        "%s: runs=%d end_to_end p50=%.1f ms p90=%.1f ms; netlink p50=%.3f ms p90=%.3f ms%n",
        path, stats[0].count(), stats[0].median(), stats[0].percentile(90), stats[1].median(),
        stats[1].percentile(90));
  }

  /** End-to-end and netlink times of {@code iterations} attaches, each of a fresh container. */
  private static Stats[] measure(DockerClient docker, SandboxHost host, Path home, int iterations,
      int firstOctet) {
    Stats endToEnd = new Stats();
    Stats netlink = new Stats();
    for (int i = 0; i < iterations + 2; i++) {
      String id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
      try {
        docker.startContainerCmd(id).exec();
        String cidr = "10.32." + firstOctet + "." + (10 + i) + "/12";
        List<String> command = List.of(home.resolve("weft").toString(), "attach", "--json", cidr, id);
        long start = System.nanoTime();
        String out = HostProcess.of(command).withEnvironment("DOCKER_HOST", host.dockerHost()).run();
        double millis = (System.nanoTime() - start) / 1e6;
        JsonObject reply = new JsonObject(out);
        if (i >= 2) { // the first two warm the engine's caches
          endToEnd.add(millis);
          netlink.add(reply.getJsonObject("result").getDouble("netlinkMillis"));
        }
      } finally {
        docker.removeContainerCmd(id).withForce(true).exec();
      }
    }
    return new Stats[] {endToEnd, netlink};
  }
}
