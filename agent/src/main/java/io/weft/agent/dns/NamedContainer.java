package io.weft.agent.dns;

import io.weft.common.net.Ipv4;
import java.util.List;

/**
 * A container as its names come from Docker: its name, hostname and domain name, whether it
 * runs, and its endpoints on weft's Docker networks ({@code docker run --net=weft}): their
 * addresses and network aliases, which the address record does not know by container.
 */
public record NamedContainer(String id, String name, String hostname, String domainname, boolean running,
    List<Ipv4> networkAddresses, List<String> aliases) {

  public NamedContainer {
    networkAddresses = List.copyOf(networkAddresses);
    aliases = List.copyOf(aliases);
  }

  /** A container on none of weft's Docker networks. */
  public NamedContainer(String id, String name, String hostname, String domainname, boolean running) {
    this(id, name, hostname, domainname, running, List.of(), List.of());
  }
}
