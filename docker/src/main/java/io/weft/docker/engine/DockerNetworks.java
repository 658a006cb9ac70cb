package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One engine's networks, as weft's network plugin needs them. */
public final class DockerNetworks {

  private final DockerClient docker;

  public DockerNetworks(DockerClient docker) {
    this.docker = docker;
  }

  /**
   * Makes network {@code name} with {@code driver} as its driver and IPAM driver, over {@code
   * subnet}, unless the engine has it already. Returns whether it made it.
   */
  public boolean ensure(String name, String driver, String subnet) {
    try {
      if (docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name))) {
        return false;
      }
      docker.createNetworkCmd().withName(name).withDriver(driver).withCheckDuplicate(true)
          .withIpam(new Network.Ipam().withDriver(driver)
              .withConfig(new Network.Ipam.Config().withSubnet(subnet)))
          .exec();
      return true;
    } catch (RuntimeException e) {
      throw DockerFailures.of("making the network " + name, e);
    }
  }

  /** The names of the engine's networks that {@code driver} serves. */
  public Set<String> namesOfDriver(String driver) {
    try {
      return docker.listNetworksCmd().exec().stream().filter(n -> driver.equals(n.getDriver()))
          .map(Network::getName).collect(Collectors.toSet());
    } catch (RuntimeException e) {
      throw DockerFailures.of("listing networks", e);
    }
  }

  /** The subnets of the engine's networks that {@code driver} serves, by network name. */
  public Map<String, List<String>> subnetsOfDriver(String driver) {
    try {
      Map<String, List<String>> subnets = new TreeMap<>();
      for (Network network : docker.listNetworksCmd().exec()) {
        if (driver.equals(network.getDriver())) {
          List<String> own = new ArrayList<>();
          if (network.getIpam() != null && network.getIpam().getConfig() != null) {
            network.getIpam().getConfig().forEach(config -> own.add(config.getSubnet()));
          }
          subnets.put(network.getName(), own);
        }
      }
      return subnets;
    } catch (RuntimeException e) {
      throw DockerFailures.of("listing networks", e);
    }
  }

  /** The addresses (without prefix) of every endpoint on the engine's networks {@code names}. */
  public Set<String> endpointAddresses(Set<String> names) {
    try {
      Set<String> addresses = new HashSet<>();
      for (String name : names) {
        Network network = docker.inspectNetworkCmd().withNetworkId(name).exec();
        if (network.getContainers() == null) {
          continue;
        }
        network.getContainers().values().forEach(endpoint -> {
          String address = endpoint.getIpv4Address();
          if (address != null && !address.isBlank()) {
            addresses.add(address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
          }
        });
      }
      return addresses;
    } catch (RuntimeException e) {
      throw DockerFailures.of("inspecting networks", e);
    }
  }

  /**
   * Containers on one of {@code networks} that Docker means to keep running (restart policy
   * {@code always} or {@code unless-stopped}) but that failed to start: at boot, before the
   * network plugin served, say. Their ids.
   */
  public List<String> failedToStart(Set<String> networks) {
    try {
      return docker.listContainersCmd().withShowAll(true).withStatusFilter(List.of("exited", "created"))
          .exec().stream()
          .map(c -> docker.inspectContainerCmd(c.getId()).exec())
          .filter(c -> c.getHostConfig() != null && c.getHostConfig().getRestartPolicy() != null
              && Set.of("always", "unless-stopped").contains(c.getHostConfig().getRestartPolicy().getName()))
          .filter(c -> c.getState().getError() != null && !c.getState().getError().isBlank())
          .filter(c -> c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null
              && c.getNetworkSettings().getNetworks().keySet().stream().anyMatch(networks::contains))
          .map(c -> c.getId())
          .toList();
    } catch (RuntimeException e) {
      throw DockerFailures.of("looking for containers that did not start", e);
    }
  }

  public void start(String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      throw DockerFailures.of("starting " + id, e);
    }
  }
}
