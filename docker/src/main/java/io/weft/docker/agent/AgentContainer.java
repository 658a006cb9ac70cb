package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.EngineContainers;
import java.util.Optional;

/** The long-running agent's container on one host: its fixed name, and finding it. */
public final class AgentContainer {

  public static final String NAME = "weft";
  public static final String ROLE = "agent";

  private AgentContainer() {}

  /** The agent's container on this engine, running or not; empty when there is none. */
  public static Optional<ContainerInfo> find(DockerClient docker) {
    try {
      docker.inspectContainerCmd(NAME).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(new EngineContainers(docker).inspect(NAME));
  }

  /** True when the host runs weft's agent now. */
  public static boolean isRunning(DockerClient docker) {
    return find(docker).map(ContainerInfo::running).orElse(false);
  }

  /** The running agent's container; a coded error saying so when weft is not running. */
  public static ContainerInfo requireRunning(DockerClient docker) {
    return find(docker).filter(ContainerInfo::running).orElseThrow(() -> new WeftException(
        ErrorCode.AGENT_NOT_RUNNING, "weft is not running on this host (start it: weft launch)"));
  }
}
