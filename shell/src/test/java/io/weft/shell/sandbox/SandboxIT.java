package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.weft.common.process.HostProcess;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The sandbox is made of real Docker hosts: two engines, each in its own namespaces, reached from
 * the machine over TCP, each seeing only its own containers, joined by the underlay, and gone
 * without a trace after {@code down}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {

  private static final Path STATE_ROOT = Sandbox.DEFAULT_STATE_ROOT;
  private static Sandbox sandbox;
  private static List<SandboxHost> hosts;

  @BeforeAll
  static void up() {
    sandbox = SandboxHosts.up(2);
    hosts = sandbox.hosts();
  }

  @AfterAll
  static void down() {
    SandboxHosts.down(sandbox);
  }

  @Test
  @Order(1)
  void eachEngineHasItsHostsNameAndSeesOnlyItsOwnContainer() {
    SandboxHost host1 = hosts.get(0);
    SandboxHost host2 = hosts.get(1);
    // Testcontainers reaches host1 through DOCKER_HOST, as the test run sets it.
    assertEquals(host1.dockerHost(), System.getenv("DOCKER_HOST"));
    try (GenericContainer<?> onHost1 = new GenericContainer<>(
                DockerImageName.parse(DebianBase.IMAGE))
            .withCommand("sleep", "infinity");
        DockerClient docker1 = DockerClients.forHost(host1.dockerHost());
        DockerClient docker2 = DockerClients.forHost(host2.dockerHost())) {
      onHost1.start();
      String onHost2 = docker2.createContainerCmd(DebianBase.IMAGE)
          .withCmd("sleep", "infinity").exec().getId();
      docker2.startContainerCmd(onHost2).exec();
      try {
        assertEquals("host1", docker1.infoCmd().exec().getName());
        assertEquals("host2", docker2.infoCmd().exec().getName());
        assertEquals(List.of(onHost1.getContainerId()), ids(docker1.listContainersCmd().exec()));
        assertEquals(List.of(onHost2), ids(docker2.listContainersCmd().exec()));
      } finally {
        docker2.removeContainerCmd(onHost2).withForce(true).exec();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(2)
  void hostsReachEachOtherOverTheUnderlayAndNothingElse() {
    SandboxHost host1 = hosts.get(0);
    SandboxHost host2 = hosts.get(1);
    // From a container on host1's network, as an agent would see it.
    try (GenericContainer<?> onHost1 = new GenericContainer<>(
                DockerImageName.parse(DebianBase.IMAGE))
            .withNetworkMode("host")
            .withCommand("sleep", "infinity")) {
      onHost1.start();
      var ping = onHost1.execInContainer("ping", "-c", "1", "-W", "2", host2.address());
      assertEquals(0, ping.getExitCode(), ping.getStdout() + ping.getStderr());
      var routes = onHost1.execInContainer("ip", "route", "show", "default");
      assertEquals("", routes.getStdout().strip(), "a sandbox host has no route out");
      var hostname = onHost1.execInContainer("hostname");
      assertEquals(host1.name(), hostname.getStdout().strip());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Order(3)
  void theAgentImageIsLoadedOnEveryHost() throws Exception {
    for (SandboxHost host : hosts) {
      try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
        assertTrue(AgentImage.presentIn(docker), host.name());
      }
    }
  }

  @Test
  @Order(4)
  void theCommandLineNamesEachHostsEngineAndRefusesUnknownHosts() {
    CapturedRun env = CapturedRun.of("sandbox", "env", "host2");
    assertEquals(0, env.exitCode(), env.err());
    assertEquals("export DOCKER_HOST=tcp://172.29.0.12:2375\n", env.out());

    CapturedRun unknown = CapturedRun.of("sandbox", "env", "host9");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.failedWithOneLine("no sandbox host named 'host9' (hosts: host1 host2)"),
        unknown.err());

    CapturedRun status = CapturedRun.of("sandbox", "status");
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(status.out().matches("(?s).*host1 +172\\.29\\.0\\.11 .* up\n"
        + "host2 +172\\.29\\.0\\.12 .* up\n"), status.out());
  }

  @Test
  @Order(5)
  void downLeavesNothingBehind() throws Exception {
    sandbox.down();
    for (SandboxHost host : hosts) {
      assertFalse(Files.exists(host.netnsPath()), host.netnsPath() + " left");
      assertFalse(Files.exists(Path.of("/sys/class/net", host.underlayLink())),
          host.underlayLink() + " left");
    }
    assertFalse(Files.exists(Path.of("/sys/class/net", SandboxNetwork.BRIDGE)), "bridge left");
    assertFalse(Files.exists(STATE_ROOT), STATE_ROOT + " left");
    String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
    assertFalse(mounts.contains(STATE_ROOT.toString()), "a mount under " + STATE_ROOT + " left");
    assertFalse(mounts.contains("/run/netns/host"), "a namespace mount left");
    String processes = HostProcess.of("ps", "-eo", "args").run();
    assertFalse(processes.contains(STATE_ROOT.toString()),
        "an engine process left:\n" + processes);

    CapturedRun again = CapturedRun.of("sandbox", "down");
    assertEquals(1, again.exitCode());
    assertTrue(again.failedWithOneLine("no sandbox is up"), again.err());
  }

  private static List<String> ids(List<Container> containers) {
    return containers.stream().map(Container::getId).toList();
  }
}
