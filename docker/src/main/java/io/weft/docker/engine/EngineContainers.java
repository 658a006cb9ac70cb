package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@link Containers} as one engine's API tells them, through docker-java. */
public final class EngineContainers implements Containers {

  private final DockerClient docker;

  public EngineContainers(DockerClient docker) {
    this.docker = docker;
  }

  @Override
  public ContainerInfo inspect(String nameOrId) {
    InspectContainerResponse response;
    try {
      response = docker.inspectContainerCmd(nameOrId).exec();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.NO_SUCH_CONTAINER, "no container '" + nameOrId + "'");
    } catch (RuntimeException e) {
      throw DockerFailures.of("inspecting '" + nameOrId + "'", e);
    }
    InspectContainerResponse.ContainerState state = response.getState();
    boolean running = Boolean.TRUE.equals(state.getRunning());
    Long pid = state.getPidLong();
    Map<String, String> labels = response.getConfig() != null && response.getConfig().getLabels() != null
        ? response.getConfig().getLabels() : Map.of();
    String name = response.getName() == null ? "" : response.getName().replaceFirst("^/", "");
    String networkMode = response.getHostConfig() == null ? "" : response.getHostConfig().getNetworkMode();
    Map<String, ContainerInfo.NetworkEndpoint> networks = new HashMap<>();
    if (response.getNetworkSettings() != null && response.getNetworkSettings().getNetworks() != null) {
      response.getNetworkSettings().getNetworks().forEach((network, endpoint) -> {
        if (endpoint.getIpAddress() != null && !endpoint.getIpAddress().isBlank()) {
          networks.put(network, new ContainerInfo.NetworkEndpoint(endpoint.getIpAddress(),
              endpoint.getIpPrefixLen() == null ? 0 : endpoint.getIpPrefixLen(), endpoint.getMacAddress()));
        }
      });
    }
    return new ContainerInfo(response.getId(), name, running, pid == null ? 0 : pid.intValue(),
        networkMode, labels, networks);
  }

  @Override
  public Set<String> existingIds() {
    try {
      Set<String> ids = new HashSet<>();
      docker.listContainersCmd().withShowAll(true).exec().forEach(c -> ids.add(c.getId()));
      return ids;
    } catch (RuntimeException e) {
      throw DockerFailures.of("listing containers", e);
    }
  }

  @Override
  public Set<String> networksOfDriver(String driver) {
    return new DockerNetworks(docker).namesOfDriver(driver);
  }

  @Override
  public Map<Integer, ContainerInfo> runningByPid() {
    Map<Integer, ContainerInfo> byPid = new HashMap<>();
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
      throw DockerFailures.of("listing containers", e);
    }
    return byPid;
  }
}
