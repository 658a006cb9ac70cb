package io.weft.agent.events;

import io.weft.agent.alloc.ClusterAddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.docker.ContainerInfo;
import io.weft.docker.Containers;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At start, forgets this host's claims whose containers are no longer running: they went away
 * while no agent watched (a restart, a crash).
 */
public final class AddressReconciler {

  private AddressReconciler() {}

  /** @return how many addresses were released */
  public static int releaseVanished(ClusterAddressBook book, Containers containers, String host) {
    Set<String> running = containers.runningByPid().values().stream()
        .map(ContainerInfo::id).collect(Collectors.toSet());
    int released = 0;
    for (Map.Entry<String, Owner> held : book.holders().entrySet()) {
      Owner owner = held.getValue();
      if (owner.host().equals(host) && !Owner.EXPOSED.equals(owner.container())
          && !running.contains(owner.container())) {
        book.releaseAll(owner);
        released++;
      }
    }
    return released;
  }
}
