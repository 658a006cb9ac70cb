package io.weft.agent.host;

import io.weft.common.net.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * weft's network on one host as the kernel keeps it: the bridge, each container's interface and
 * their addresses. The command handlers' seam to the kernel; {@link HostNetwork} is the kernel
 * itself, through rtnetlink. The kernel is the record: a container that goes away takes its
 * interface, and so its addresses, with its namespace.
 */
public interface HostKernel {

  /** Chooses the addresses an attach gives, knowing those the container has already. */
  @FunctionalInterface
  interface AddressChoice {
    List<Cidr> choose(List<Cidr> present);
  }

  /** The bridge now; empty when there is none. */
  Optional<BridgeState> bridge();

  /** The addresses on the bridge (exposed to the host). */
  List<Cidr> exposedAddresses();

  /** Every container attached on this host, by its pid: visits each one's namespace. */
  List<AttachedContainer> attached();

  /**
   * How many containers are attached, by weft or through Docker's network plugin, counted
   * without entering their namespaces.
   */
  int attachedCount();

  /** The container's interface as the container sees it; empty when it has none or is gone. */
  Optional<AttachedContainer> containerSide(int pid);

  /**
   * Gives the container with process {@code pid} an {@code ethwe} on the bridge with the
   * addresses {@code choice} picks, adding only those it lacks; enters the container's namespace
   * once. Made from scratch or not at all: a failure removes a veth pair made for it.
   *
   * @param mac the MAC a new interface is to have (a restarted container's old one), or null for
   *     the kernel's choice
   */
  Attachment attach(int pid, AddressChoice choice, String mac);

  /**
   * Removes these addresses (all, when none are named) from the container; its interface goes
   * with the last one. Nothing is removed unless every named address is there.
   *
   * @param beforeRemoving told which addresses go, before any does: the record forgets them
   *     first, so a crash in between cannot bring them back
   * @return the addresses removed
   */
  List<Cidr> detach(int pid, List<Cidr> cidrs, Consumer<List<Cidr>> beforeRemoving);

  /** Puts these addresses on the bridge, making it when missing; returns those added now. */
  List<Cidr> expose(List<Cidr> cidrs);

  /**
   * Takes these addresses (all, when none are named) off the bridge; returns those removed.
   * {@code beforeRemoving} is told which go, before any does.
   */
  List<Cidr> hide(List<Cidr> cidrs, Consumer<List<Cidr>> beforeRemoving);

  /**
   * Makes a Docker endpoint's veth pair: the host end on the bridge, the other end left in the
   * host's namespace for Docker to move into the container, with {@code mac} (null: the
   * kernel's choice). Returns the MAC of that end.
   */
  String makeEndpoint(String endpointId, String mac);

  /** Removes a Docker endpoint's veth pair; false when it was not there. */
  boolean removeEndpoint(String endpointId);

  /**
   * Gives the interfaces Docker moved into a container for weft's networks ({@code ethwe0},
   * ...) the ARP settings of weft's own; returns how many it tuned.
   */
  int tuneDockerInterfaces(int pid);

  /** Whether a Docker endpoint's veth is there: it lives exactly as long as the endpoint. */
  boolean hasEndpoint(String endpointId);

  /**
   * Removes the veth pairs of Docker endpoints that no container has: both ends still in the
   * host's namespace, because Docker took the endpoint back from its container while no agent
   * served (the plugin said yes for the agent, which settles it here) or never moved it in.
   * Returns the host ends removed.
   */
  List<String> removeUnjoinedEndpoints();

  /**
   * Removes every container interface of weft's, the endpoints no container has, and the bridge;
   * returns the links removed.
   */
  List<String> reset();

  /**
   * Who holds each address on this host: a container's pid, or 0 for the bridge. Visits every
   * container's namespace: only for a host with no record of its own (the one-shot mode).
   */
  Map<Cidr, Integer> holders();
}
