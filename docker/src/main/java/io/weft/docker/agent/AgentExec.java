package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentState;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.ContainerExec;
import io.weft.docker.engine.ContainerInfo;
import java.util.List;

/**
 * Small jobs in the running agent's container, through the Docker API's exec: reading and editing
 * the files of its state volume. No JVM starts for them.
 */
public final class AgentExec {

  private final DockerClient docker;
  private final ContainerInfo agent;

  public AgentExec(DockerClient docker) {
    this.docker = docker;
    this.agent = AgentContainer.requireRunning(docker);
  }

  public ProcessResult run(List<String> command) {
    return ContainerExec.run(docker, agent.id(), command.toArray(String[]::new));
  }

  /** The text of a file in the agent's state folder; an error when it cannot be read. */
  public String readStateFile(String name) {
    ProcessResult r = run(List.of("cat", AgentState.path(name)));
    if (r.exitCode() != 0) {
      throw new WeftException(ErrorCode.AGENT_FAILED, "the agent has no " + name + " yet: "
          + r.stderr().strip());
    }
    return r.stdout();
  }
}
