package io.weft.docker.engine;

import java.util.Map;

/** What weft needs to know of a container: who it is, whether it runs, and its process. */
public record ContainerInfo(
    String id, String name, boolean running, int pid, String networkMode, Map<String, String> labels) {

  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  /** True when the container shares its host's network namespace. */
  public boolean hostNetwork() {
    return "host".equals(networkMode);
  }
}
