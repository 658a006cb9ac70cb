package io.weft.docker.engine;

import java.util.Map;

/**
 * What weft needs to know of a container: who it is, whether it runs, its process, and its
 * endpoints on Docker's networks, by network name.
 */
public record ContainerInfo(String id, String name, boolean running, int pid, String networkMode,
    Map<String, String> labels, Map<String, NetworkEndpoint> networks) {

  /** A container's endpoint on one of Docker's networks. */
  public record NetworkEndpoint(String address, int prefixLength, String mac) {}

  public ContainerInfo {
    labels = Map.copyOf(labels);
    networks = Map.copyOf(networks);
  }

  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  /** True when the container shares its host's network namespace. */
  public boolean hostNetwork() {
    return "host".equals(networkMode);
  }
}
