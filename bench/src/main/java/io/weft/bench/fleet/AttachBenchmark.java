package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.bus.Target;
import io.weft.common.command.Attach;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.ExecChannel;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run attach [ITERATIONS] [ALREADY]}: the wall time of {@code ./weft attach} from
 * the machine through a sandbox host's Docker API, command line started to done, and of its
 * netlink part as the host reports it; on the one-shot path (weft not launched) and through the
 * launched agent, each with no other container attached and with ALREADY (100) attached before.
 * Makes a one-host sandbox when none is up.
 */
public final class AttachBenchmark {

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int already = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxHost host = BenchSandbox.firstHost(home);
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      if (AgentContainer.isRunning(docker)) {
        docker.removeContainerCmd(AgentContainer.NAME).withForce(true).exec();
      }
      Stats[] oneShot = measure(docker, host, home, iterations, 10);
      BenchSandbox.launch(host);
      Stats[] agent = measure(docker, host, home, iterations, 100);
      List<String> background = attachMany(docker, already);
      try {
        Stats[] agentBusy = measure(docker, host, home, iterations, 101);
        docker.removeContainerCmd(AgentContainer.NAME).withForce(true).exec();
        Stats[] oneShotBusy = measure(docker, host, home, iterations, 11);
        print("one-shot (weft not launched)", oneShot);
        print("one-shot, " + already + " attached already", oneShotBusy);
        print("through the launched agent", agent);
        print("through the agent, " + already + " attached already", agentBusy);
        System.out.printf(Locale.ROOT, "attach median_ms=%.1f netlink_median_ms=%.3f"
                + " agent_ms=%.1f agent_busy_ms=%.1f one_shot_busy_ms=%.1f"
                + " agent_netlink_ms=%.3f agent_busy_netlink_ms=%.3f%n",
            oneShot[0].median(), oneShot[1].median(), agent[0].median(), agentBusy[0].median(),
            oneShotBusy[0].median(), agent[1].median(), agentBusy[1].median());
      } finally {
        background.forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
      }
    }
  }

  /** {@code count} running containers, each attached through the agent with an automatic address. */
  private static List<String> attachMany(DockerClient docker, int count) {
    List<String> ids = new ArrayList<>();
    ExecChannel agent = new ExecChannel(docker);
    for (int i = 0; i < count; i++) {
      String id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
      ids.add(id);
      docker.startContainerCmd(id).exec();
      HostReply reply = agent.command(new CommandRequest(Target.SELF, new Attach(List.of(), id))).get(0);
      if (!reply.ok()) {
        throw new IllegalStateException("attaching a background container failed: " + reply.message());
      }
    }
    return ids;
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
