package io.weft.agent.events;

import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.FleetAddressBook;
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
 * Brings the address record and this host in line, at start and whenever the Docker events may
 * have been missed: forgets what containers removed meanwhile held, records the addresses (with
 * their MACs) of containers attached meanwhile, and gives containers that started again their
 * addresses back.
 */
public final class AddressReconciler {

  private AddressReconciler() {}

  /** @return how many containers' addresses were released: those of containers removed meanwhile */
  public static int releaseVanished(FleetAddressBook book, Containers containers) {
    // The record first: a container attached after Docker's list was read is not in that list,
    // but neither is it in the record read before, so it is never taken for a removed one.
    List<String> recorded = book.containers();
    Set<String> existing = containers.existingIds();
    int released = 0;
    for (String container : recorded) {
      if (!existing.contains(container)) {
        book.releaseAll(new Owner(book.host(), container));
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

  /**
   * Records what the kernel has that the record lacks. Call it under the command lock, so no
   * detach falls between its read of the kernel and its write of the record.
   *
   * @param running this host's running containers by pid, read from Docker before the lock
   * @return how many addresses of this host's kernel are now in the record with their MAC
   */
  public static int recordPresent(AddressBook book, HostKernel network, Map<Integer, ContainerInfo> running,
      String host) {
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
