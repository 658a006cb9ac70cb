package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
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
    try {
      step(hosts.get(0), "weft launch", List.of("launch"));
      // the first host made the fleet and its password; the others join with it
      String password = PasswordFiles.ofAgentOn(hosts.get(0).dockerHost()).toString();
      for (int i = 1; i < hosts.size(); i++) {
        // each host knows only the one before it
        List<String> launch = List.of("launch", "--password-file", password, hosts.get(i - 1).address());
        step(hosts.get(i), "weft launch --password-file FILE " + hosts.get(i - 1).address()
            + "   (FILE holds what 'weft password' shows on host1)", launch);
      }
      for (SandboxHost host : hosts) {
        step(host, "weft run --name demo-" + host.name() + " ...", List.of("run", "--name",
            "demo-" + host.name(), DebianBase.IMAGE, "sleep", "infinity"));
      }
      runOnWeftNetwork(hosts.get(1), "demo-docker");
      step(hosts.get(0), "weft peers", List.of("peers"));
      step(hosts.get(0), "weft --host all ps", List.of("--host", "all", "ps"));
      String address = addressOf(hosts.get(2), "demo-host3");
      System.out.printf("%n[host1] docker exec demo-host1 ping -c 3 %s   (a container on host3)%n", address);
      System.out.print(exec(hosts.get(0), "demo-host1", "ping", "-c", "3", address));
      String docker = dockerAddressOf(hosts.get(1), "demo-docker");
      System.out.printf("%n[host1] docker exec demo-host1 ping -c 3 %s   (the container Docker put on weft on host2)%n",
          docker);
      System.out.print(exec(hosts.get(0), "demo-host1", "ping", "-c", "3", docker));
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
    System.out.println();
    System.out.println("Point docker and weft at a host:  eval \"$(./weft sandbox env host1)\"");
    System.out.println("Take it all down:                 ./weft sandbox down");
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

  private static String dockerAddressOf(SandboxHost host, String container) {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return docker.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks()
          .get(PluginContract.NETWORK).getIpAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String addressOf(SandboxHost host, String container) {
    String out = exec(host, container, "ip", "-4", "-o", "addr", "show", "dev", "ethwe");
    return out.trim().split("\\s+")[3].split("/")[0];
  }

  private static String exec(SandboxHost host, String container, String... command) {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      ProcessResult result = ContainerExec.run(docker, container, command);
      return result.stdout() + result.stderr();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
