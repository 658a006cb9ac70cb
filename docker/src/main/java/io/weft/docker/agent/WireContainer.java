package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * wireguard-go in a container of its own, {@value #NAME}: the data plane's encryption where the
 * kernel has no WireGuard. The agent starts it through the Docker API and leaves it running, so
 * an agent that restarts, crashes or is upgraded never stops the traffic (Cilium removed its
 * in-agent wireguard-go for that reason). It has the host's network, its TUN device and
 * NET_ADMIN, nothing else; its UAPI socket is in the host's {@value #HOST_SOCKET_DIR}, which the
 * agent's container binds too, so the agent (and {@code wg} on the host) can configure it.
 */
public final class WireContainer {

  public static final String NAME = "weft-wg";
  public static final String ROLE = "wireguard";
  /** The host's folder of WireGuard UAPI sockets, where {@code wg show} looks too. */
  public static final String HOST_SOCKET_DIR = "/run/wireguard";
  /** The same folder in the containers, where wireguard-go puts its socket. */
  public static final String SOCKET_DIR = "/var/run/wireguard";
  static final String TUN = "/dev/net/tun";
  private static final Pattern OLD_TASK = Pattern.compile("task [0-9a-f]{64}: already exists");

  private WireContainer() {}

  /** The bind that gives a container the socket folder: the agent's, and wireguard-go's own. */
  public static Bind socketBind() {
    return new Bind(HOST_SOCKET_DIR, new Volume(SOCKET_DIR));
  }

  /**
   * Starts wireguard-go for interface {@code device} from {@code image} unless it runs already;
   * returns true when it was started now. A running one is left alone whatever its image: replacing
   * it would cut every connection of the host; a stopped one is started as it is (below).
   */
  public static boolean ensureRunning(DockerClient docker, String image, String device) {
    Optional<InspectContainerResponse> present = inspect(docker);
    if (present.isPresent() && Boolean.TRUE.equals(present.get().getState().getRunning())) {
      return false;
    }
    if (present.isPresent() && isWeftsOwn(present.get())
        && !"dead".equals(present.get().getState().getStatus())) {
      // stopped (by hand, or by its engine as it stopped) or never started: started as it is. Not
      // made anew: one its engine stopped while stopping is brought back by the engine's next
      // start, and one made meanwhile would not be (the engine starts only what ran), leaving
      // the next agent no device until the engine answered it, 45 s into a boot
      try {
        docker.startContainerCmd(present.get().getId()).exec();
        return true;
      } catch (RuntimeException e) {
        if (!oldTaskLeft(e)) {
          throw new WeftException(ErrorCode.DOCKER_FAILED,
              "Docker engine: starting " + NAME + " (wireguard-go) again failed: " + e.getMessage(), e);
        }
        // made anew below: after an engine restart under load no start of it succeeded again,
        // and every agent start failed on it in turn
      }
    }
    if (present.isPresent()) {
      remove(docker); // dead, not weft's, or its old task in the way: made anew, from this agent's image
    }
    try {
      String id = docker.createContainerCmd(image)
          .withName(NAME)
          .withEntrypoint("wireguard-go")
          .withCmd("-f", device)
          .withLabels(Map.of(AgentHostConfig.ROLE_LABEL, ROLE, "io.weft.version", WeftVersion.get()))
          .withHostConfig(hostConfig())
          .exec().getId();
      docker.startContainerCmd(id).exec();
      return true;
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: starting " + NAME + " (wireguard-go) failed: " + e.getMessage(), e);
    }
  }

  /** The host's network and TUN device, NET_ADMIN alone, a read-only root, restarted by Docker. */
  static HostConfig hostConfig() {
    return HostConfig.newHostConfig()
        .withNetworkMode("host")
        .withCapDrop(Capability.ALL)
        .withCapAdd(Capability.NET_ADMIN)
        .withDevices(new Device("rwm", TUN, TUN))
        .withSecurityOpts(List.of(AgentHostConfig.NO_NEW_PRIVILEGES))
        .withReadonlyRootfs(true)
        .withBinds(socketBind())
        .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
  }

  /**
   * Whether a start failed because the engine's runtime still holds the container's task from
   * before ({@code task <id>: already exists}): the engine counts the container stopped, its
   * runtime does not, and starting it again failed the same way every time. A container made
   * anew has an id (and so a task) of its own; whether removing the old one also ends its task
   * was not seen.
   */
  static boolean oldTaskLeft(RuntimeException startFailure) {
    String message = startFailure.getMessage();
    return message != null && OLD_TASK.matcher(message).find();
  }

  /** Whether a container of this name is one weft made for wireguard-go (its role label says so). */
  static boolean isWeftsOwn(InspectContainerResponse container) {
    Map<String, String> labels = container.getConfig() == null ? null : container.getConfig().getLabels();
    return labels != null && ROLE.equals(labels.get(AgentHostConfig.ROLE_LABEL));
  }

  /** Whether wireguard-go's container runs on this engine now. */
  public static boolean isRunning(DockerClient docker) {
    return inspect(docker).map(c -> Boolean.TRUE.equals(c.getState().getRunning())).orElse(false);
  }

  /** Stops and removes the container; false when there was none. */
  public static boolean remove(DockerClient docker) {
    try {
      try {
        docker.stopContainerCmd(NAME).withTimeout(2).exec();
      } catch (NotModifiedException stoppedAlready) {
        // removed below all the same
      }
      docker.removeContainerCmd(NAME).withForce(true).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: removing " + NAME + " failed: " + e.getMessage(), e);
    }
  }

  private static Optional<InspectContainerResponse> inspect(DockerClient docker) {
    try {
      return Optional.of(docker.inspectContainerCmd(NAME).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
