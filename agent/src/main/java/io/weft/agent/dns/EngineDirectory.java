package io.weft.agent.dns;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.weft.common.agent.PluginContract;
import io.weft.common.net.Ipv4;
import io.weft.docker.engine.DockerFailures;
import io.weft.docker.engine.DockerNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link ContainerDirectory} as the host's engine tells it, through docker-java. Which networks
 * are weft's is asked each time: {@code docker network create -d weft} may have made one since.
 */
public final class EngineDirectory implements ContainerDirectory {

  private final DockerClient docker;
  private final DockerNetworks networks;

  public EngineDirectory(DockerClient docker) {
    this.docker = docker;
    this.networks = new DockerNetworks(docker);
  }

  @Override
  public Optional<NamedContainer> find(String id) {
    InspectContainerResponse c;
    try {
      c = docker.inspectContainerCmd(id).exec();
    } catch (NotFoundException gone) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw DockerFailures.of("inspecting " + id, e);
    }
    String name = c.getName() == null ? "" : c.getName().replaceFirst("^/", "");
    boolean running = c.getState() != null && Boolean.TRUE.equals(c.getState().getRunning());
    String hostname = c.getConfig() == null ? null : c.getConfig().getHostName();
    String domainname = c.getConfig() == null ? null : c.getConfig().getDomainName();
    Map<String, ContainerNetwork> endpoints = c.getNetworkSettings() == null
        || c.getNetworkSettings().getNetworks() == null ? Map.of() : c.getNetworkSettings().getNetworks();
    List<Ipv4> addresses = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    // only a running container's endpoints have addresses: (--net=none has none) a container with none costs no more
    if (running && endpoints.values().stream().anyMatch(EngineDirectory::hasAddress)) {
      Set<String> wefts = networks.namesOfDriver(PluginContract.DRIVER);
      endpoints.forEach((network, endpoint) -> {
        if (wefts.contains(network)) {
          if (hasAddress(endpoint)) {
            addresses.add(Ipv4.parse(endpoint.getIpAddress()));
          }
          if (endpoint.getAliases() != null) {
            aliases.addAll(endpoint.getAliases());
          }
        }
      });
    }
    return Optional.of(new NamedContainer(c.getId(), name, hostname, domainname, running, addresses, aliases));
  }

  @Override
  public Set<String> runningIds() {
    return running().stream().map(Container::getId).collect(Collectors.toSet());
  }

  @Override
  public Set<String> runningOnWeftNetworks() {
    Set<String> wefts = networks.namesOfDriver(PluginContract.DRIVER);
    return running().stream()
        .filter(c -> c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null
            && c.getNetworkSettings().getNetworks().keySet().stream().anyMatch(wefts::contains))
        .map(Container::getId).collect(Collectors.toSet());
  }

  private static boolean hasAddress(ContainerNetwork endpoint) {
    return endpoint.getIpAddress() != null && !endpoint.getIpAddress().isBlank();
  }

  private List<Container> running() {
    try {
      return docker.listContainersCmd().exec();
    } catch (RuntimeException e) {
      throw DockerFailures.of("listing containers", e);
    }
  }
}
