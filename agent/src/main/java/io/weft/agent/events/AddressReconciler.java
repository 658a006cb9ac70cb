package io.weft.agent.events;

import io.weft.agent.alloc.ClusterAddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.host.AttachedContainer;
import io.weft.agent.host.BridgeState;
import io.weft.agent.host.HostKernel;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.Containers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * At start, brings the fleet's record and this host in line: forgets the claims of containers
 * removed while no agent watched, records the addresses (with their MACs) of containers
 * attached meanwhile, and gives containers that started again their addresses back.
 */
public final class AddressReconciler {

  private AddressReconciler() {}

  /** @return how many containers' addresses were released: those of containers removed meanwhile */
  public static int releaseVanished(ClusterAddressBook book, Containers containers, String host) {
    Set<String> existing = containers.existingIds();
    int released = 0;
    for (Map.Entry<String, Owner> held : book.holders().entrySet()) {
      Owner owner = held.getValue();
      if (owner.host().equals(host) && !Owner.EXPOSED.equals(owner.container())
          && !existing.contains(owner.container())) {
        book.releaseAll(owner);
        released++;
      }
    }
    return released;
  }

  /**
   * Gives every running container its recorded addresses back where it lacks them: containers
   * that started again while no agent watched (after a reboot, say).
   */
  public static void reattachRunning(Containers containers, Consumer<String> reattach) {
    containers.runningByPid().values().forEach(c -> reattach.accept(c.id()));
  }

  /** @return how many addresses of this host's kernel are now in the record with their MAC */
  public static int recordPresent(ClusterAddressBook book, HostKernel network, Containers containers,
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
      String mac = network.bridge().map(BridgeState::mac).orElseThrow();
      book.describe(exposed, Owner.bridgeOf(host), mac);
      recorded += exposed.size();
    }
    return recorded;
  }
}
