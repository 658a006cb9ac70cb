package io.weft.bench.scale;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one agent's JVM costs its host, as the kernel counts it: resident memory (VmRSS) and CPU
 * time (utime + stime, in clock ticks of 1/100 s), read from /proc by the agent's pid.
 */
record AgentLoad(long pid) {

  private static final double TICKS_PER_SECOND = 100;

  static AgentLoad of(SandboxHost host) throws IOException {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return new AgentLoad(docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getPidLong());
    }
  }

  long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  /** CPU seconds used so far. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // the command may hold spaces: the fields that follow it start after its closing parenthesis
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }
}
