package io.weft.agent.dns;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.weft.docker.engine.DockerFailures;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ContainerDirectory} as the host's engine tells it, through docker-java. */
public final class EngineDirectory implements ContainerDirectory {

  private final DockerClient docker;

  public EngineDirectory(DockerClient docker) {
    this.docker = docker;
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
    return Optional.of(new NamedContainer(c.getId(), name, hostname, domainname, running));
  }

  @Override
  public Set<String> runningIds() {
    try {
      return docker.listContainersCmd().exec().stream().map(Container::getId).collect(Collectors.toSet());
    } catch (RuntimeException e) {
      throw DockerFailures.of("listing containers", e);
    }
  }
}
