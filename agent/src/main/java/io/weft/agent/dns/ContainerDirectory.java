package io.weft.agent.dns;

import java.util.Optional;
import java.util.Set;

/** The host's containers as weft's DNS needs to know them; the engine's API, or a fake in tests. */
public interface ContainerDirectory {

  /** The container, or empty when there is none (removed). */
  Optional<NamedContainer> find(String id);

  /** The ids of the running containers. */
  Set<String> runningIds();

  /** The ids of the running containers with an endpoint on one of weft's Docker networks. */
  Set<String> runningOnWeftNetworks();
}
