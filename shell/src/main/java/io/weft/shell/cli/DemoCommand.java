package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import io.weft.common.agent.PluginContract;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.ContainerExec;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code weft demo}: a sandbox of three Docker hosts, weft launched on each through its Docker
 * API, a container on each, one more that Docker itself puts on weft, and traffic between them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Make a sandbox of three Docker hosts on this machine, launch weft on each, "
        + "run a container on each and show traffic between them (needs root).")
final class DemoCommand implements Runnable {

  @Override
  public void run() {
    Sandbox sandbox = SandboxCommand.sandbox();
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(WeftHome.path()));
    System.out.println();
    SandboxCommand.Status.print(sandbox, hosts);
    walk(hosts);
    System.out.println();
    System.out.println("Point docker and weft at a host:  eval \"$(./weft sandbox env " + hosts.get(0).name() + ")\"");
    System.out.println("Take it all down:                 ./weft sandbox down");
  }

  /**
   * The demo on three sandbox hosts where weft was never launched: launched on each, a container
   * on each, one more that Docker puts on weft, and pings across. Throws when a step fails or a
   * ping gets no answer.
   */
  static void walk(List<SandboxHost> hosts) {
    SandboxHost first = hosts.get(0);
    SandboxHost second = hosts.get(1);
    SandboxHost third = hosts.get(2);
    try {
      step(first, "weft launch", List.of("launch"));
      // the first host made the fleet and its password; the others join with it
      String password = PasswordFiles.ofAgentOn(first.dockerHost()).toString();
      for (int i = 1; i < hosts.size(); i++) {
        // each host knows only the one before it
        List<String> launch = List.of("launch", "--password-file", password, hosts.get(i - 1).address());
        step(hosts.get(i), "weft launch --password-file FILE " + hosts.get(i - 1).address()
            + "   (FILE holds what 'weft password' shows on " + first.name() + ")", launch);
      }
      for (SandboxHost host : hosts) {
        step(host, "weft run --name demo-" + host.name() + " ...", List.of("run", "--name",
            "demo-" + host.name(), DebianBase.IMAGE, "sleep", "infinity"));
      }
      runOnWeftNetwork(second, "demo-docker");
      step(first, "weft peers", List.of("peers"));
      step(first, "weft --host all ps", List.of("--host", "all", "ps"));
      ping(first, "demo-" + first.name(), weftAddressOf(third, "demo-" + third.name()),
          "a container on " + third.name());
      ping(first, "demo-" + first.name(), weftAddressOf(second, "demo-docker"),
          "the container Docker put on weft on " + second.name());
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }

  private static void step(SandboxHost host, String title, List<String> args) {
    System.out.printf("%n[%s] %s%n", host.name(), title);
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    int status = WeftCli.run(args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("the demo stopped: '" + title + "' failed on " + host.name());
    }
  }

  /** What {@code docker run -d --net=weft} does, through the host's Docker API: Docker asks weft. */
  private static void runOnWeftNetwork(SandboxHost host, String name) {
    System.out.printf("%n[%s] docker run -d --net=weft --name %s %s sleep infinity%n", host.name(), name,
        DebianBase.IMAGE);
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      String id = docker.createContainerCmd(DebianBase.IMAGE).withName(name).withCmd("sleep", "infinity")
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode(PluginContract.NETWORK)).exec().getId();
      docker.startContainerCmd(id).exec();
      System.out.println(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A container's address on weft, as Docker's network weft gave it: weft run, once weft is
   * launched, puts a container there as docker run --net=weft does (beside any network of its own).
   */
  private static String weftAddressOf(SandboxHost host, String container) {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      ContainerNetwork weft = docker.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks()
          .get(PluginContract.NETWORK);
      if (weft == null || weft.getIpAddress() == null || weft.getIpAddress().isEmpty()) {
        throw new IllegalStateException("the demo stopped: " + container + " on " + host.name()
            + " is not on Docker's network " + PluginContract.NETWORK);
      }
      return weft.getIpAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pings {@code address} from {@code container}, shows what ping said, and stops the demo when nothing answered. */
  private static void ping(SandboxHost host, String container, String address, String what) {
    System.out.printf("%n[%s] docker exec %s ping -c 3 %s   (%s)%n", host.name(), container, address, what);
    ProcessResult ping = exec(host, container, "ping", "-c", "3", address);
    System.out.print(ping.stdout() + ping.stderr());
    if (ping.exitCode() != 0) {
      throw new IllegalStateException("the demo stopped: " + container + " on " + host.name()
          + " did not reach " + address + " (" + what + ")");
    }
  }

  private static ProcessResult exec(SandboxHost host, String container, String... command) {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return ContainerExec.run(docker, container, command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
