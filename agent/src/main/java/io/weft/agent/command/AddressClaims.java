package io.weft.agent.command;

import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place attach and expose get their addresses: those named, claimed in the record, or,
 * when none are named, those the container (or bridge) has already, or one allocated. A grant
 * that the kernel then refuses is rolled back: exactly what it claimed is released, nothing it
 * found held already. An address named that overlaps a network the fleet's hosts are on is
 * refused: its route would take the host's way to the fleet (and the fleet's control plane)
 * into weft's bridge.
 */
final class AddressClaims {

  private final AddressBook book;
  private final AddressRange range;
  private final Supplier<List<Cidr>> underlays;

  AddressClaims(AddressBook book, AddressRange range, Supplier<List<Cidr>> underlays) {
    this.book = book;
    this.range = range;
    this.underlays = underlays;
  }

  /** Refuses {@code requested} when one overlaps an underlay network. */
  private void refuseUnderlay(List<Cidr> requested) {
    for (Cidr cidr : requested) {
      for (Cidr underlay : underlays.get()) {
        if (cidr.overlaps(underlay)) {
          throw new WeftException(ErrorCode.BAD_CIDR, cidr + " overlaps " + underlay.subnet()
              + ", a network the fleet's hosts are on: the host would lose its way to the fleet");
        }
      }
    }
  }

  /** A grant for {@code owner} of {@code requested} (none: what it has, or one allocated). */
  Grant grant(Owner owner, List<Cidr> requested) {
    return new Grant(owner, requested);
  }

  /** The addresses for one attach or expose, chosen once what the holder has is known. */
  final class Grant {
    private final Owner owner;
    private final List<Cidr> requested;
    private List<Cidr> chosen = List.of();
    private List<Cidr> claimedNow = List.of();

    private Grant(Owner owner, List<Cidr> requested) {
      this.owner = owner;
      this.requested = List.copyOf(requested);
    }

    /** Chooses and claims, given the addresses the holder has now. */
    List<Cidr> choose(List<Cidr> present) {
      if (requested.isEmpty() && !present.isEmpty()) {
        chosen = present; // attach again: it keeps what it has
      } else if (requested.isEmpty()) {
        chosen = List.of(book.allocate(range, owner));
        claimedNow = chosen;
      } else {
        refuseUnderlay(requested);
        chosen = requested;
        claimedNow = book.claim(requested.stream().filter(c -> !present.contains(c)).toList(), owner);
      }
      return chosen;
    }

    /** What was chosen: the addresses the holder should have. */
    List<Cidr> chosen() {
      return chosen;
    }

    /** Releases what this grant claimed, after the kernel refused it. */
    void rollback() {
      book.release(claimedNow, owner);
    }
  }
}
