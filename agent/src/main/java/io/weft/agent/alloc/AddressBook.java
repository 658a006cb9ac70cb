package io.weft.agent.alloc;

import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.Collection;
import java.util.List;

/**
 * Who holds which address beyond this host's kernel: the fleet's record, so that no address is
 * handed out twice across hosts. Claims are all or nothing.
 */
public interface AddressBook {

  /** Records {@code cidrs} as {@code owner}'s; ADDRESS_IN_USE, claiming none, if another holds one. */
  void claim(List<Cidr> cidrs, Owner owner);

  /** Picks the lowest address of {@code range} held by no one and not in {@code alsoTaken}, and claims it. */
  Cidr allocate(AddressRange range, Collection<Ipv4> alsoTaken, Owner owner);

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

  /** One host alone: the kernel is the only record, so claims are checked there and kept nowhere. */
  AddressBook KERNEL_ONLY = new AddressBook() {
    @Override
    public void claim(List<Cidr> cidrs, Owner owner) {}

    @Override
    public Cidr allocate(AddressRange range, Collection<Ipv4> alsoTaken, Owner owner) {
      return range.firstFree(alsoTaken);
    }

    @Override
    public void describe(List<Cidr> cidrs, Owner owner, String mac) {}

    @Override
    public List<Cidr> heldBy(Owner owner) {
      return List.of();
    }

    @Override
    public void release(List<Cidr> cidrs, Owner owner) {}

    @Override
    public void releaseAll(Owner owner) {}

    @Override
    public void releaseHost(String host) {}
  };
}
