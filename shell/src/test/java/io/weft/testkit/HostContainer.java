package io.weft.testkit;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers container on one kit host's engine. Testcontainers keeps one client per JVM,
 * made once from DOCKER_HOST, while the kit's engines come and go within a run (a sandbox for
 * each class that tests the sandbox, hosts renewed and rebooted): so this container speaks to its
 * own host's engine through the kit's client of it, never pulls (the engines hold the images the
 * tests use, and reach no registry), and is removed through that client too. Run commands in it
 * with {@link FleetHost#exec}: Testcontainers' {@code execInContainer} first asks its JVM-wide
 * client, which the kit leaves unset.
 */
public final class HostContainer extends GenericContainer<HostContainer> {

  private final FleetHost host;

  HostContainer(FleetHost host, String image) {
    super(DockerImageName.parse(image));
    this.host = host;
    this.dockerClient = host.engine();
    withImagePullPolicy(name -> false);
  }

  public FleetHost host() {
    return host;
  }

  /** Removes the container from its host's engine (Testcontainers' own stop asks its JVM-wide client). */
  @Override
  public void stop() {
    String id = getContainerId();
    if (id != null) {
      try {
        host.remove(id);
      } catch (NotFoundException goneAlready) {
        // the test removed it
      }
    }
  }
}
