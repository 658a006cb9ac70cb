package io.weft.agent;

import com.github.dockerjava.api.DockerClient;
import io.weft.agent.cluster.ClusterPorts;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.ports.PortRedirects;
import io.weft.agent.wire.WireChoiceFile;
import io.weft.agent.wire.WireMap;
import io.weft.agent.wire.WireService;
import io.weft.agent.wireguard.WireGuardDevice;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentState;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.WireContainer;
import io.weft.docker.image.AgentImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The wire's part of the agent's start and stop: the fleet's choice to encrypt, the host's
 * WireGuard key, wireguard-go's container from the agent's own image, and, on {@code weft stop}
 * alone, the host's entry taken out of the fleet's wire map.
 */
final class WireStart {

  static final List<Integer> CONTROL_PORTS = List.of(ClusterPorts.MEMBERS, ClusterPorts.EVENT_BUS);
  private static final Logger LOG = Logger.getLogger(WireStart.class.getName());

  private WireStart() {}

  /**
   * On the overlay's thread: starts the wire and returns the VXLAN device's endpoint.
   *
   * @param alone whether the host's cluster has no other member now
   */
  static Vtep start(WireService wire, WireMap map, AgentArguments options, boolean founder,
      BooleanSupplier alone, DockerClient docker, PortRedirects ports) throws Exception {
    Path state = options.stateDir();
    Files.deleteIfExists(state.resolve(AgentState.LEAVING_FILE)); // a weft stop is over once started again
    boolean encrypt = WireChoiceFile.encrypt(state, founder, options.plain(), map::snapshot, alone,
        options.name());
    return wire.start(WireChoiceFile.key(state), encrypt, options.mtu(), controlPorts(ports),
        () -> WireContainer.ensureRunning(docker, ownImage(docker), WireGuardDevice.NAME));
  }

  /** The control plane's public ports, and the ports its servers bound where the kernel's nat sends those. */
  static List<Integer> controlPorts(PortRedirects ports) {
    Set<Integer> all = new LinkedHashSet<>(CONTROL_PORTS);
    CONTROL_PORTS.forEach(p -> all.add(ports.target(p)));
    return List.copyOf(all);
  }

  /** The image the agent runs from, so wireguard-go's container is of the same version. */
  private static String ownImage(DockerClient docker) {
    try {
      return docker.inspectContainerCmd(AgentContainer.NAME).exec().getImageId();
    } catch (RuntimeException e) {
      return AgentImage.LATEST;
    }
  }

  /**
   * In the shutdown hook: when {@code weft stop} asked the host to leave for good, its entry goes
   * from the wire map (the others drop it from their data plane at once) and its routing rules
   * go; otherwise nothing: a restarting or crashing agent leaves the traffic flowing.
   */
  static void leaveIfAsked(WireService wire, WireMap map, AgentArguments options, Vtep vtep,
      ExecutorService worker, ExecutorService overlayThread) {
    if (!Files.exists(options.stateDir().resolve(AgentState.LEAVING_FILE))) {
      return;
    }
    try {
      worker.submit(() -> map.remove(options.name())).get(3, TimeUnit.SECONDS);
      overlayThread.submit(() -> wire.leave(vtep.port(), CONTROL_PORTS)).get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning("leaving the fleet's data plane did not finish: " + e);
    }
  }
}
