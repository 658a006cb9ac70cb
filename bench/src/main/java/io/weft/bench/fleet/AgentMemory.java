package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory of a sandbox host's agent, as the kernel counts it. */
public final class AgentMemory {

  private AgentMemory() {}

  /** The agent's API socket on a host, as root on the machine reaches it (through its root). */
  public static String apiSocket(SandboxHost host) throws Exception {
    return "/proc/" + pid(host) + "/root" + io.weft.common.agent.AgentApiContract.SOCKET;
  }

  /** The agent's java process on a host, as the machine sees it. */
  public static long pid(SandboxHost host) throws Exception {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getPidLong();
    }
  }

  /** VmRSS of the agent's java process on a host, in kB. */
  public static long residentKb(SandboxHost host) throws Exception {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      long pid = docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getPidLong();
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    }
    throw new IllegalStateException("no VmRSS for the agent of " + host.name());
  }
}
