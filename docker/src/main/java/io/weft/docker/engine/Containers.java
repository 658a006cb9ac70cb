package io.weft.docker.engine;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.Map;
import java.util.Set;

/**
 * The containers of one Docker engine, as weft needs to know them: who they are, whether they
 * run, and their process. The agent's seam to its host's engine; {@link EngineContainers} is the
 * engine itself.
 */
public interface Containers {

  /** The container named or identified by {@code nameOrId}; NO_SUCH_CONTAINER when none is. */
  ContainerInfo inspect(String nameOrId);

  /** The ids of every container on the engine, running or not. */
  Set<String> existingIds();

  /** The running containers with a process of their own, by that process's pid. */
  Map<Integer, ContainerInfo> runningByPid();

  /** The names of the engine's networks that {@code driver} serves. */
  Set<String> networksOfDriver(String driver);

  /**
   * The container, which must be running on its own network namespace: a coded error naming
   * what is wrong otherwise.
   */
  default ContainerInfo requireAttachable(String nameOrId) {
    ContainerInfo info = inspect(nameOrId);
    if (!info.running() || info.pid() <= 0) {
      throw new WeftException(ErrorCode.CONTAINER_NOT_RUNNING,
          "container '" + nameOrId + "' is not running");
    }
    if (info.hostNetwork()) {
      throw new WeftException(ErrorCode.CONTAINER_HOST_NETWORK,
          "container '" + nameOrId + "' uses the host's network (--net=host); weft cannot attach it");
    }
    if (info.networkMode() != null && info.networkMode().startsWith("container:")) {
      throw new WeftException(ErrorCode.CONTAINER_HOST_NETWORK, "container '" + nameOrId
          + "' shares the network of " + info.networkMode().substring(10) + "; attach that one");
    }
    return info;
  }
}
