package io.weft.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.Map;

/** Finds containers on one engine and tells weft what it needs of them. */
public final class Containers {

  private final DockerClient docker;

  public Containers(DockerClient docker) {
    this.docker = docker;
  }

  /** The container named or identified by {@code nameOrId}; a coded error when none is. */
  public ContainerInfo inspect(String nameOrId) {
    InspectContainerResponse response;
    try {
      response = docker.inspectContainerCmd(nameOrId).exec();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.NO_SUCH_CONTAINER, "no container '" + nameOrId + "'");
    } catch (RuntimeException e) {
      throw dockerFailed("inspecting '" + nameOrId + "'", e);
    }
    InspectContainerResponse.ContainerState state = response.getState();
    boolean running = Boolean.TRUE.equals(state.getRunning());
    Long pid = state.getPidLong();
    Map<String, String> labels = response.getConfig() != null && response.getConfig().getLabels() != null
        ? response.getConfig().getLabels() : Map.of();
    String name = response.getName() == null ? "" : response.getName().replaceFirst("^/", "");
    String networkMode = response.getHostConfig() == null ? "" : response.getHostConfig().getNetworkMode();
    return new ContainerInfo(response.getId(), name, running, pid == null ? 0 : pid.intValue(),
        networkMode, labels);
  }

  /**
   * The container, which must be running on its own network namespace: a coded error naming
   * what is wrong otherwise.
   */
  public ContainerInfo requireAttachable(String nameOrId) {
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

  /** The ids of every container on the engine, running or not. */
  public java.util.Set<String> existingIds() {
    try {
      java.util.Set<String> ids = new java.util.HashSet<>();
      docker.listContainersCmd().withShowAll(true).exec().forEach(c -> ids.add(c.getId()));
      return ids;
    } catch (RuntimeException e) {
      throw dockerFailed("listing containers", e);
    }
  }

  /** The running containers with a process of their own, by that process's pid. */
  public Map<Integer, ContainerInfo> runningByPid() {
    Map<Integer, ContainerInfo> byPid = new java.util.HashMap<>();
    try {
      for (var container : docker.listContainersCmd().exec()) {
        try {
          ContainerInfo info = inspect(container.getId());
          if (info.running() && info.pid() > 0) {
            byPid.put(info.pid(), info);
          }
        } catch (WeftException gone) {
          // removed between the list and the look
        }
      }
    } catch (RuntimeException e) {
      throw dockerFailed("listing containers", e);
    }
    return byPid;
  }

  static WeftException dockerFailed(String what, RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    return new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: " + what + " failed: "
        + message.lines().findFirst().orElse(""), e);
  }
}
