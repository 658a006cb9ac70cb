package io.weft.agent.plugin;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.command.HostCommands;
import io.weft.agent.host.HostKernel;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.WeftException;
import io.weft.common.agent.PluginContract;
import io.weft.common.alloc.AddressRange;
import io.weft.common.bus.FleetEvents;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.ContainerEvents;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.Containers;
import io.weft.docker.engine.DockerNetworks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * weft as Docker's network and IPAM plugin on this host, so that {@code docker run --net=weft}
 * and {@code docker network connect weft} put containers on the overlay. Once it serves, the
 * host has a network {@code weft} over the whole range, and containers Docker could not start
 * for want of the plugin (at boot, before the agent) are started. Addresses Docker could not
 * give back (no agent served, the host crashed) are given back before serving and now and then,
 * found from the kernel alone: Docker, at boot, answers only once its containers have networks.
 */
public final class DockerPlugin {

  private static final Logger LOG = Logger.getLogger(DockerPlugin.class.getName());

  private final PluginServer server;
  private final DockerNetworks networks;
  private final DockerPools pools;
  private final IpamDriver ipam;
  private final AddressRange range;
  private final HostKernel kernel;
  private final HostCommands commands;
  private final Containers containers;
  private final DockerContainerEvents containerEvents;

  /**
   * @param host this host's name in the fleet
   * @param stateDir the state volume, where the networks' subnets and endpoints are kept
   */
  public DockerPlugin(Vertx vertx, HostKernel kernel, HostCommands commands, AddressBook book,
      Containers containers, DockerClient docker, AgentMetrics metrics, String host, AddressRange range,
      Path stateDir, FleetEvents events) {
    this.kernel = kernel;
    this.containerEvents = new DockerContainerEvents(host, events);
    this.commands = commands;
    this.containers = containers;
    this.networks = new DockerNetworks(docker);
    this.pools = new DockerPools(stateDir, range);
    this.range = range;
    DockerEndpoints endpoints = new DockerEndpoints(stateDir);
    this.ipam = new IpamDriver(book, pools, endpoints, kernel::hasEndpoint, host);
    Map<String, PluginCall> calls = new HashMap<>(new NetworkDriver(kernel, commands, book, endpoints, host).calls());
    calls.putAll(ipam.calls());
    this.server = new PluginServer(vertx, Path.of(PluginContract.socket()), calls, metrics);
  }

  /** Forgets the networks Docker removed while no agent served; asks Docker. */
  public void forgetRemovedNetworks() {
    Map<String, List<String>> subnets = networks.subnetsOfDriver(PluginContract.DRIVER);
    Set<String> existing = new HashSet<>();
    subnets.values().forEach(existing::addAll);
    pools.keepOnly(existing);
  }

  /**
   * Listens for Docker's calls, which the managed plugin hands on. First removes the endpoints
   * Docker took back from their containers while no agent served (the plugin told Docker yes, so
   * their veths are this agent's to take away), and so the addresses that only they held.
   */
  public Future<Void> serve() {
    try {
      List<String> removed = commands.exclusively(kernel::removeUnjoinedEndpoints);
      if (!removed.isEmpty()) {
        LOG.info("removed " + removed + ": Docker took these endpoints back while no agent served");
        releaseUnused();
      }
    } catch (RuntimeException e) {
      LOG.warning("could not look for endpoints Docker took back: " + e.getMessage());
    }
    return server.listen();
  }

  /** Makes this host's network {@code weft} over the range, unless it has one; blocks. */
  public void ensureNetwork() {
    List<String> subnets = networks.subnetsOfDriver(PluginContract.DRIVER).get(PluginContract.NETWORK);
    if (subnets == null) {
      networks.ensure(PluginContract.NETWORK, PluginContract.DRIVER, range.toString());
      LOG.info("made the Docker network " + PluginContract.NETWORK + " over " + range);
    } else if (!subnets.contains(range.toString())) {
      LOG.warning("the Docker network " + PluginContract.NETWORK + " is over " + subnets + ", not weft's range "
          + range + ": remove it (docker network rm " + PluginContract.NETWORK + ") and launch again");
    }
  }

  /** Starts the containers on weft's networks that Docker meant to run but could not start; blocks. */
  public void startWhatFailed() {
    List<String> failed;
    try {
      failed = networks.failedToStart(networks.namesOfDriver(PluginContract.DRIVER));
    } catch (WeftException e) {
      LOG.warning("could not look for containers Docker failed to start: " + e.getMessage());
      return;
    }
    for (String id : failed) {
      try {
        networks.start(id);
        LOG.info("started container " + id.substring(0, 12) + ", which Docker could not start without weft");
      } catch (WeftException e) {
        LOG.warning("could not start container " + id.substring(0, 12) + ": " + e.getMessage());
      }
    }
  }

  /** Gives back the addresses no endpoint of Docker's has: before serving, and now and then. */
  public void releaseUnused() {
    try {
      List<Cidr> released = ipam.releaseUnused();
      if (!released.isEmpty()) {
        LOG.info("gave back " + released + ": no endpoint of Docker's has them (Docker could not give them back)");
      }
    } catch (RuntimeException e) {
      LOG.warning("could not give back the addresses Docker no longer uses: " + e.getMessage());
    }
  }

  /**
   * A container started or was connected to a network: when one of weft's, its interfaces get
   * weft's ARP settings, which let a stale entry go within seconds. An address Docker hands out
   * again answers at the same MAC (see {@link NetworkDriver}), but one that moves between a
   * container Docker put on weft and one weft attached does not, and without these a container
   * would go on sending to the old MAC for up to 45 s.
   */
  public void tuneInterfaces(String containerId) {
    try {
      ContainerInfo info = containers.inspect(containerId);
      if (!info.running() || info.pid() == 0 || info.networks().isEmpty()) {
        return;
      }
      Set<String> wefts = containers.networksOfDriver(PluginContract.DRIVER);
      containerEvents.seen(info, wefts);
      if (info.networks().keySet().stream().anyMatch(wefts::contains)) {
        commands.exclusively(() -> kernel.tuneDockerInterfaces(info.pid()));
      }
    } catch (RuntimeException e) {
      LOG.warning("could not tune the interfaces of " + containerId.substring(0, Math.min(12, containerId.length()))
          + ": " + e.getMessage());
    }
  }

  /**
   * A Docker event of this host: a container taken off a network, stopped or removed is told of
   * as detached when it was on one of weft's (a start or connect comes through {@link
   * #tuneInterfaces}).
   */
  public void containerEvent(ContainerEvents.Event event) {
    try {
      switch (event.action()) {
        case "die", "destroy" -> containerEvents.gone(event.containerId());
        case "disconnect" -> containerEvents.seen(containers.inspect(event.containerId()),
            containers.networksOfDriver(PluginContract.DRIVER));
        default -> { }
      }
    } catch (RuntimeException e) {
      // a container removed meanwhile: its destroy event follows
      containerEvents.gone(event.containerId());
    }
  }

  /** Stops serving and removes the socket. */
  public void close() {
    server.close();
  }
}
