package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.ContainerInfo;
import io.weft.docker.Containers;
import java.util.Optional;

/** The long-running agent's container on one host: its fixed names, and finding it. */
public final class AgentContainer {

  public static final String NAME = "weft";
  /** The named volume the agent keeps its state in, so it outlives the container. */
  public static final String STATE_VOLUME = "weft-state";
  public static final String STATE_DIR = "/var/lib/weft";
  public static final String ROLE = "agent";

  private AgentContainer() {}

  /** The agent's container on this engine, running or not; empty when there is none. */
  public static Optional<ContainerInfo> find(DockerClient docker) {
    try {
      docker.inspectContainerCmd(NAME).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(new Containers(docker).inspect(NAME));
  }

  /** The running agent's container; a coded error saying so when weft is not running. */
  public static ContainerInfo requireRunning(DockerClient docker) {
    return find(docker).filter(ContainerInfo::running).orElseThrow(() -> new WeftException(
        ErrorCode.AGENT_NOT_RUNNING, "weft is not running on this host (start it: weft launch)"));
  }
}
