package io.weft.common.alloc;

import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where a host's next address comes from, and what it gives a host that asks for space. */
public final class BlockAllocator {

  private BlockAllocator() {}

  /**
   * The lowest address of the owned blocks that a container may have and no one holds; empty
   * when every one is taken. It carries the range's prefix length. Addresses ending in .0 or
   * .255 are valid in a large range but look like a network's own to many programs and people:
   * they are handed out only when asked for.
   */
  public static Optional<Cidr> firstFree(BlockLayout layout, Collection<Integer> owned, Set<Ipv4> taken) {
    return firstFree(layout, owned, taken, layout.range().subnet());
  }

  /**
   * As {@link #firstFree(BlockLayout, Collection, Set)}, within {@code subnet} (a Docker network's
   * part of the range), whose network and broadcast addresses are never handed out; the address
   * carries the subnet's prefix length.
   */
  public static Optional<Cidr> firstFree(BlockLayout layout, Collection<Integer> owned, Set<Ipv4> taken,
      Cidr subnet) {
    for (int index : owned.stream().sorted().toList()) {
      Cidr block = layout.block(index);
      if (!block.overlaps(subnet)) {
        continue;
      }
      for (long offset = 0; offset < layout.blockSize(); offset++) {
        Ipv4 candidate = block.network().plus(offset);
        if (isFree(layout, candidate, taken, subnet)) {
          return Optional.of(new Cidr(candidate, subnet.prefixLength()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a container may be given {@code candidate} of {@code subnet}, unasked. */
  public static boolean isFree(BlockLayout layout, Ipv4 candidate, Set<Ipv4> taken, Cidr subnet) {
    int last = candidate.bits() & 0xff;
    return subnet.contains(candidate) && !candidate.equals(subnet.network())
        && !candidate.equals(subnet.broadcast()) && layout.usable(candidate) && last != 0
        && last != 255 && !taken.contains(candidate);
  }

  /**
   * The blocks to give a host that asks for space: half of the free ones (no address held in
   * them), at least one while any is free, taken from the top so the giver's own addresses stay
   * low and together.
   */
  public static List<Integer> toGive(OwnedBlocks owned, Set<Integer> inUse) {
    List<Integer> free = new ArrayList<>();
    owned.owned().descendingKeySet().forEach(index -> {
      if (!inUse.contains(index)) {
        free.add(index);
      }
    });
    int count = free.isEmpty() ? 0 : Math.max(1, free.size() / 2);
    return List.copyOf(free.subList(0, count));
  }
}
