package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Mount;
import io.weft.common.process.HostProcess;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.SharedFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code weft run} with the docker run options people type, both ways it has: handed to the
 * machine's docker command line, and through the Engine API where there is none. Each option
 * does what it does for Docker, and the container is on weft, reached from the other host.
 */
@SharedFleet
class RunIT {

  private static final Duration BOUND = Duration.ofSeconds(20);
  /** weft run's way without the docker command line, for one run. */
  private static final Map<String, String> API_WAY = Map.of("weft.run.docker", "api");
  /** Where weft run runs the containers under test, and where the one that reaches them runs. */
  private static FleetHost first;
  private static FleetHost second;
  private static String client;

  @BeforeAll
  static void fleet(Fleet fleet) {
    TestTools.ensure("tmux", "tmux");
    first = fleet.host(0);
    second = fleet.host(1);
    CapturedRun run = second.weft("run", "--name", "client", DebianBase.IMAGE, "sleep", "infinity");
    assertEquals(0, run.exitCode(), run.err());
    client = run.out().strip();
  }

  @Test
  void theOptionsPeopleTypeDoWhatTheyDoForDockerWithTheDockerCli() {
    optionsDoWhatTheySay("cli", "18080");
  }

  @Test
  void andThroughTheEngineApiWhereThereIsNoDockerCli() {
    optionsDoWhatTheySay("api", "18081");
    CapturedRun other = first.weftWith(API_WAY, "run", "--ulimit", "nofile=64", DebianBase.IMAGE, "true");
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(other.failedWithOneLine("does not take --ulimit") && other.err().contains("docker run --net=weft"),
        other.err());
    CapturedRun terminal = first.weftWith(API_WAY, "run", "-it", DebianBase.IMAGE, "bash");
    assertEquals(2, terminal.exitCode(), terminal.err());
    assertTrue(terminal.failedWithOneLine("docker run -it --net=weft"), terminal.err());
  }

  /**
   * -p on a network of the user's (the sandbox's engines have no default bridge), --restart,
   * --memory, --cap-add, --mount and --network-alias, on one container; then what each did.
   */
  private void optionsDoWhatTheySay(String way, String port) {
    String network = "pub" + way;
    first.docker().ok("network", "create", network);
    String alias = "db" + way;
    Map<String, String> properties = "api".equals(way) ? API_WAY : Map.of();
    CapturedRun run = first.weftWith(properties, "run", "--name", "web" + way, "--network", network, "-p", port + ":8080",
        "--restart=always", "--memory", "64m", "--cap-add", "NET_ADMIN", "--mount", "type=tmpfs,target=/scratch",
        "--network-alias", alias, DebianBase.IMAGE,
        "socat", "TCP-LISTEN:8080,fork,reuseaddr", "SYSTEM:echo hello from " + way);
    assertEquals(0, run.exitCode(), run.err());
    String id = run.out().strip();
    try {
      InspectContainerResponse c = first.engine().inspectContainerCmd(id).exec();
      assertEquals("always", c.getHostConfig().getRestartPolicy().getName());
      assertEquals(64L << 20, c.getHostConfig().getMemory());
      assertTrue(Arrays.asList(c.getHostConfig().getCapAdd()).contains(Capability.NET_ADMIN),
          Arrays.toString(c.getHostConfig().getCapAdd()));
      List<Mount> mounts = c.getHostConfig().getMounts();
      assertTrue(mounts != null && mounts.stream().anyMatch(m -> "/scratch".equals(m.getTarget())), String.valueOf(mounts));
      assertTrue(c.getNetworkSettings().getNetworks().containsKey(network), "docker run's own network");
      String address = c.getNetworkSettings().getNetworks().get("weft").getIpAddress();

      // -p: the port is published on the host, as Docker publishes it
      Await.until("port " + port + " answers on " + first, BOUND, () -> first.inHost("socat", "-T", "2", "-",
          "TCP:127.0.0.1:" + port).runAllowingFailure().stdout().contains("hello from " + way));
      // weft: reached from the other host by address, and by its alias through weft's DNS
      Await.until("the other host reaches it on weft", BOUND, () -> second.ping(client, address, 0.5));
      Await.until(alias + " is known to weft's DNS on " + second, BOUND, () -> second.docker().run("exec", "client",
          "getent", "hosts", alias + ".weft.local").result().stdout().startsWith(address + " "));
    } finally {
      first.docker().ok("rm", "-f", id);
      first.docker().ok("network", "rm", network);
    }
  }

  @Test
  void interactiveInATerminalAsDockerRunIt() throws Exception {
    String session = "weftrun";
    Path weft = Path.of(System.getProperty("weft.home"), "weft");
    HostProcess.of("tmux", "kill-session", "-t", session).runAllowingFailure();
    HostProcess.of("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "40",
        "env", "DOCKER_HOST=" + first.dockerHost(), weft.toString(),
        "run", "-it", "--rm", "--name", "tty1", DebianBase.IMAGE, "bash").run();
    try {
      Await.until("a shell prompt in the container", Duration.ofSeconds(60), () -> pane(session).contains("root@"));
      HostProcess.of("tmux", "send-keys", "-t", session, "ip -4 -o addr show dev ethwe0; echo done-$((6*7))",
          "Enter").run();
      Await.until("ethwe0's address printed in the pane", BOUND, () -> pane(session).contains("done-42"));
      String pane = pane(session);
      assertTrue(pane.matches("(?s).*ethwe0\\s+inet 10\\.3[2-9]\\..*"), pane);
      HostProcess.of("tmux", "send-keys", "-t", session, "exit", "Enter").run();
      Await.until("the container gone with --rm", BOUND,
          () -> first.docker().run("inspect", "tty1").exitCode() != 0);
    } finally {
      HostProcess.of("tmux", "kill-session", "-t", session).runAllowingFailure();
    }
  }

  private static String pane(String session) {
    return HostProcess.of("tmux", "capture-pane", "-p", "-t", session).runAllowingFailure().stdout();
  }
}
