package io.weft.agent.plugin;

import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.common.command.ContainerView;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.docker.engine.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the fleet of the containers Docker puts on weft's networks, as weft's own verbs tell of
 * theirs: {@code attached} when one starts or is connected, {@code detached} when it is
 * disconnected, stops or goes. Docker's plugin calls name endpoints, not containers, so this
 * follows Docker's events and what Docker says of the container then.
 */
final class DockerContainerEvents {

  private final String host;
  private final FleetEvents events;
  /** The addresses on weft's networks of each container last seen, by id. */
  private final Map<String, List<Cidr>> known = new ConcurrentHashMap<>();

  DockerContainerEvents(String host, FleetEvents events) {
    this.host = host;
    this.events = events;
  }

  /** What Docker says of a container now; {@code wefts} names the networks of weft's driver. */
  void seen(ContainerInfo info, Set<String> wefts) {
    List<Cidr> now = new ArrayList<>();
    if (info.running()) {
      info.networks().forEach((network, endpoint) -> {
        if (wefts.contains(network) && endpoint.address() != null && !endpoint.address().isEmpty()) {
          now.add(new Cidr(Ipv4.parse(endpoint.address()), endpoint.prefixLength()));
        }
      });
    }
    List<Cidr> before = now.isEmpty() ? known.remove(info.id()) : known.put(info.id(), List.copyOf(now));
    List<Cidr> added = minus(now, before);
    List<Cidr> removed = minus(before, now);
    ContainerView view = new ContainerView(info.id(), info.name().replaceFirst("^/", ""), null, now);
    if (!added.isEmpty()) {
      events.publish(FleetEvent.attached(host, view, added));
    }
    if (!removed.isEmpty()) {
      events.publish(FleetEvent.detached(host, view, removed));
    }
  }

  /** A container that was removed: whatever it had on weft's networks is gone. */
  void gone(String containerId) {
    List<Cidr> before = known.remove(containerId);
    if (before != null) {
      events.publish(FleetEvent.detached(host, new ContainerView(containerId, null, null, List.of()), before));
    }
  }

  private static List<Cidr> minus(List<Cidr> from, List<Cidr> taken) {
    if (from == null) {
      return List.of();
    }
    return from.stream().filter(c -> taken == null || !taken.contains(c)).toList();
  }
}
