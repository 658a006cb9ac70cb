package io.weft.agent.events;

import io.weft.agent.alloc.ClusterAddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.host.AttachedContainer;
import io.weft.agent.host.HostNetwork;
import io.weft.common.net.Cidr;
import io.weft.docker.ContainerInfo;
import io.weft.docker.Containers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At start, brings the fleet's record in line with this host's kernel: forgets this host's claims
 * whose containers went away while no agent watched (a restart, a crash), and records the
 * addresses (with their MACs) of containers attached while it did not.
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

  /** @return how many addresses of this host's kernel are now in the record with their MAC */
  public static int recordPresent(ClusterAddressBook book, HostNetwork network, Containers containers,
      String host) {
    Map<Integer, ContainerInfo> running = containers.runningByPid();
    int recorded = 0;
    for (AttachedContainer attached : network.attached()) {
      ContainerInfo container = running.get(attached.pid());
      if (container != null) {
        book.describe(attached.addresses(), new Owner(host, container.id()), attached.mac());
        recorded += attached.addresses().size();
      }
    }
    List<Cidr> exposed = network.exposedAddresses();
    if (!exposed.isEmpty()) {
      String mac = network.bridge().map(bridge -> String.valueOf(bridge.attrs().mac())).orElseThrow();
      book.describe(exposed, Owner.bridgeOf(host), mac);
      recorded += exposed.size();
    }
    return recorded;
  }
}
