package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.DockerFootprint;
import java.util.List;

/**
 * {@code weft reset}'s part in Docker, on a host where weft is not launched: containers are taken
 * off weft's Docker networks, and the networks and weft's plugin removed, before the interfaces
 * go. With the agent running, they are the agent's, and stay.
 */
final class ResetOfDocker {

  private ResetOfDocker() {}

  static Void unlessLaunched(DockerClient docker, boolean say) {
    if (AgentContainer.isRunning(docker)) {
      return null;
    }
    List<String> taken = new DockerFootprint(docker).removeAll();
    if (say && !taken.isEmpty()) {
      System.out.println("took " + String.join(", ", taken) + " off weft's Docker networks");
    }
    return null;
  }
}
