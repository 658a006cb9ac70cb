package io.weft.agent.alloc;

import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import java.util.List;

/**
 * Who holds which address: the record that keeps an address from being handed out twice. The
 * command handlers' seam to it: {@link ClusterAddressBook} is the fleet's record, {@link
 * KernelAddressBook} a lone host's, where the kernel is the only record. Claims are all or
 * nothing.
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
}
