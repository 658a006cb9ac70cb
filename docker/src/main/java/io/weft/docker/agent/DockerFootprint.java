package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.weft.common.agent.PluginContract;
import io.weft.docker.engine.DockerFailures;
import io.weft.docker.engine.DockerNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What weft keeps in a Docker engine beside the agent's container: the managed plugin and the
 * networks of weft's driver. Taken away by {@code weft stop} when nothing uses them, and by
 * {@code weft reset} whatever uses them. A network goes before the plugin: Docker asks the
 * plugin to take each network down, and with no agent the plugin answers at once.
 */
public final class DockerFootprint {

  /** What {@link #removeUnused} left, and the containers that hold it. */
  public record Kept(Set<String> networks, Set<String> containers, boolean plugin) {

    public boolean nothing() {
      return networks.isEmpty() && !plugin;
    }
  }

  private final DockerClient docker;
  private final DockerNetworks networks;

  public DockerFootprint(DockerClient docker) {
    this.docker = docker;
    this.networks = new DockerNetworks(docker);
  }

  /**
   * Removes the networks of weft's driver that no container is on, running or not, and then the
   * plugin when none is left. A container on a weft network keeps both: without the plugin, every
   * Docker command on that container would wait on it for a minute and more.
   */
  public Kept removeUnused() {
    Set<String> keptNetworks = new TreeSet<>();
    Set<String> holders = new TreeSet<>();
    for (String network : networks.namesOfDriver(PluginContract.DRIVER)) {
      List<String> on = containersOn(network);
      if (on.isEmpty()) {
        removeNetwork(network);
      } else {
        keptNetworks.add(network);
        holders.addAll(on);
      }
    }
    AgentPlugin plugin = new AgentPlugin(docker);
    if (keptNetworks.isEmpty()) {
      plugin.remove();
      return new Kept(keptNetworks, holders, false);
    }
    return new Kept(keptNetworks, holders, plugin.present());
  }

  /**
   * Takes every container off weft's networks, removes the networks, then the plugin. Returns the
   * containers taken off (by name).
   */
  public List<String> removeAll() {
    List<String> taken = new ArrayList<>();
    for (String network : networks.namesOfDriver(PluginContract.DRIVER)) {
      for (String container : containersOn(network)) {
        try {
          docker.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(container).withForce(true).exec();
          taken.add(container);
        } catch (NotFoundException e) {
          // gone meanwhile
        } catch (RuntimeException e) {
          throw DockerFailures.of("taking " + container + " off the network " + network, e);
        }
      }
      removeNetwork(network);
    }
    new AgentPlugin(docker).remove();
    return taken;
  }

  /** The names of the containers, running or not, that have {@code network} among theirs. */
  private List<String> containersOn(String network) {
    try {
      return docker.listContainersCmd().withShowAll(true).withNetworkFilter(List.of(network)).exec().stream()
          .map(DockerFootprint::nameOf).toList();
    } catch (RuntimeException e) {
      throw DockerFailures.of("listing the containers on " + network, e);
    }
  }

  private void removeNetwork(String network) {
    try {
      docker.removeNetworkCmd(network).exec();
    } catch (NotFoundException e) {
      // gone meanwhile
    } catch (RuntimeException e) {
      throw DockerFailures.of("removing the network " + network, e);
    }
  }

  private static String nameOf(Container container) {
    String[] names = container.getNames();
    return names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : container.getId().substring(0, 12);
  }
}
