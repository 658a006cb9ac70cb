package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.ContainerExec;
import java.util.List;

/** The agent reached with one {@code docker exec weft weft-call ...} a call, through docker-java. */
public final class ExecChannel extends WeftCallChannel {

  private final DockerClient docker;

  public ExecChannel(DockerClient docker) {
    this.docker = docker;
  }

  @Override
  protected ProcessResult run(List<String> command) {
    return ContainerExec.run(docker, AgentContainer.NAME, command.toArray(String[]::new));
  }
}
