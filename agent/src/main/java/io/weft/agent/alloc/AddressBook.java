package io.weft.agent.alloc;

import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import java.util.List;

/**
 * Who holds which address: the record that keeps an address from being handed out twice. The
 * command handlers' seam to it: {@link FleetAddressBook} is the fleet's record as one host keeps
 * its part, {@link KernelAddressBook} a lone host's, where the kernel is the only record. Claims
 * are all or nothing.
 */
public interface AddressBook {

  /**
   * Records {@code cidrs} as {@code owner}'s. ADDRESS_IN_USE, recording none, if another holds
   * one.
   *
   * @return those recorded now: the owner did not hold them before
   */
  List<Cidr> claim(List<Cidr> cidrs, Owner owner);

  /** Picks an address of {@code range} held by no one, the lowest, and records it as {@code owner}'s. */
  Cidr allocate(AddressRange range, Owner owner);

  /**
   * Picks a free address of {@code subnet}, a part of the range, and records it as
   * {@code owner}'s; it carries the subnet's prefix length.
   */
  default Cidr allocateWithin(Cidr subnet, Owner owner) {
    throw new io.weft.common.WeftException(io.weft.common.ErrorCode.AGENT_NOT_RUNNING,
        "addresses of a Docker network need weft launched on this host (see weft launch)");
  }

  /**
   * Records the MAC at which {@code owner}'s addresses answer, so the other hosts can send
   * straight to it; claims those not yet recorded. Leaves alone an address another holds.
   */
  void describe(List<Cidr> cidrs, Owner owner, String mac);

  /** What {@code owner} holds, with the prefix each was given with. */
  List<Cidr> heldBy(Owner owner);

  /** Forgets {@code cidrs} where {@code owner} holds them. */
  void release(List<Cidr> cidrs, Owner owner);

  /** Forgets everything {@code owner} holds. */
  void releaseAll(Owner owner);

  /** Forgets everything held on {@code host}. */
  void releaseHost(String host);

  /** The MAC {@code owner}'s interface last answered at, so a restarted container keeps it. */
  default java.util.Optional<String> macOf(Owner owner) {
    return java.util.Optional.empty();
  }

  /** The blocks this host owns and the addresses held twice, for status; none for a lone host. */
  default AddressSpace space() {
    return AddressSpace.NONE;
  }

  /** What {@link #removePeer} did. */
  record RemovedPeer(String peer, int blocks, int released) {}

  /**
   * Takes over the blocks of {@code name}, a host that will not come back, and forgets what it
   * held; HOST_ALIVE while it is a member of the fleet.
   */
  default RemovedPeer removePeer(String name) {
    throw new io.weft.common.WeftException(io.weft.common.ErrorCode.AGENT_NOT_RUNNING,
        "rmpeer needs weft launched on this host (see weft launch)");
  }
}
