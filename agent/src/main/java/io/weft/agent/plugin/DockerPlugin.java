package io.weft.agent.plugin;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.command.HostCommands;
import io.weft.agent.host.HostKernel;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.WeftException;
import io.weft.common.agent.PluginContract;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
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
 * for want of the plugin (at boot, before the agent) are started. What Docker gave back while no
 * agent served is forgotten before serving, and, twice seen gone, while it serves.
 */
public final class DockerPlugin {

  private static final Logger LOG = Logger.getLogger(DockerPlugin.class.getName());

  private final PluginServer server;
  private final DockerNetworks networks;
  private final DockerPools pools;
  private final AddressBook book;
  private final Owner owner;
  private final AddressRange range;
  private Set<String> goneBefore = Set.of();

  /**
   * @param host this host's name in the fleet
   * @param stateDir the state volume, where the networks' subnets are kept
   */
  public DockerPlugin(Vertx vertx, HostKernel kernel, HostCommands commands, AddressBook book,
      DockerClient docker, AgentMetrics metrics, String host, AddressRange range, Path stateDir) {
    this.networks = new DockerNetworks(docker);
    this.pools = new DockerPools(stateDir, range);
    this.book = book;
    this.owner = Owner.dockerNetworksOf(host);
    this.range = range;
    Map<String, PluginCall> calls = new HashMap<>(new NetworkDriver(kernel, commands, book, host).calls());
    calls.putAll(new IpamDriver(book, pools, host).calls());
    this.server = new PluginServer(vertx, Path.of(PluginContract.socket()), calls, metrics);
  }

  /**
   * Forgets the networks Docker removed and the addresses it released while no agent served:
   * no call of Docker's is under way, since the socket is not there yet.
   */
  public void reconcileBeforeServing() {
    Map<String, List<String>> subnets = networks.subnetsOfDriver(PluginContract.DRIVER);
    Set<String> existing = new HashSet<>();
    subnets.values().forEach(existing::addAll);
    pools.keepOnly(existing);
    releaseGone(true);
  }

  public Future<Void> serve() {
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

  /** Now and then: forgets addresses of this host's Docker networks that no endpoint has had for two rounds. */
  public void reconcile() {
    try {
      releaseGone(false);
    } catch (RuntimeException e) {
      LOG.warning("could not compare the Docker networks' addresses with the record: " + e.getMessage());
    }
  }

  /** Stops serving and removes the socket. */
  public void close() {
    server.close();
  }

  private synchronized void releaseGone(boolean now) {
    Set<String> present = networks.endpointAddresses(networks.namesOfDriver(PluginContract.DRIVER));
    Set<String> gone = new HashSet<>();
    List<Cidr> release = new java.util.ArrayList<>();
    for (Cidr held : book.heldBy(owner)) {
      String address = held.address().toString();
      if (!present.contains(address)) {
        gone.add(address);
        // an address handed out a moment ago may not be on its endpoint yet: gone twice is gone
        if (now || goneBefore.contains(address)) {
          release.add(held);
        }
      }
    }
    goneBefore = gone;
    if (!release.isEmpty()) {
      book.release(release, owner);
      LOG.info("released " + release + ": no endpoint of Docker's has them (given back while no agent served)");
    }
  }
}
