package io.weft.agent.alloc;

import io.weft.common.alloc.BlockLayout;
import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.Holding;
import io.weft.common.bus.FleetEvents;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every part of the address book shares: this host's record ({@link HostRecord}, the truth
 * about its blocks) under its one lock, the fleet's maps as this host's copy has them, and the
 * questions every part asks of the two together (who owns a block, which addresses are taken).
 * No remote call is ever made under the lock.
 */
final class BookState {

  final String host;
  final BlockLayout layout;
  final HostRecord record;
  final BlockDirectory directory;
  final FleetHoldings holdings;
  /** Whether a host is a member of the cluster now, answered locally. */
  final Predicate<String> isLive;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile FleetEvents events = FleetEvents.NONE;
  /**
   * Whether a host that is no member now still has entries that its departure has not yet taken
   * out: the maps' partitions it owned are still being handed over, and a write about it could be
   * lost in the handover.
   */
  volatile Predicate<String> leaving = name -> false;

  BookState(String host, BlockLayout layout, HostRecord record, BlockDirectory directory,
      FleetHoldings holdings, Predicate<String> isLive) {
    this.host = host;
    this.layout = layout;
    this.record = record;
    this.directory = directory;
    this.holdings = holdings;
    this.isLive = isLive;
  }

  /** Runs {@code work} under the record's lock. */
  <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  void locked(Runnable work) {
    lock.lock();
    try {
      work.run();
    } finally {
      lock.unlock();
    }
  }

  FleetEvents events() {
    return events;
  }

  void tell(FleetEvents events) {
    this.events = events;
  }

  Optional<FleetId> fleet() {
    return locked(record::fleet);
  }

  /** Every address this host knows to be taken: its ledger, its holdings, and the fleet's. Locked. */
  Set<Ipv4> taken() {
    Set<Ipv4> taken = new HashSet<>(record.ledger().keySet());
    record.allHeld().forEach(c -> taken.add(c.address()));
    for (Holding h : holdings.all()) {
      taken.add(h.cidr().address());
    }
    return taken;
  }

  /** The blocks in which any address is taken. Locked. */
  Set<Integer> blocksInUse() {
    Set<Integer> inUse = new HashSet<>();
    taken().forEach(ip -> layout.indexOf(ip).ifPresent(inUse::add));
    return inUse;
  }

  /** Whether {@code ip} is in a block this host owns. Locked. */
  boolean ownsBlockOf(Ipv4 ip) {
    OptionalInt index = layout.indexOf(ip);
    return index.isPresent() && record.blocks().owns(index.getAsInt());
  }

  /** The owner of {@code ip}'s block: this host, or as the directory has it; empty outside the range. */
  Optional<String> ownerOf(Ipv4 ip) {
    OptionalInt index = layout.indexOf(ip);
    if (index.isEmpty()) {
      return Optional.empty();
    }
    if (locked(() -> record.blocks().owns(index.getAsInt()))) {
      return Optional.of(host);
    }
    return directory.ownerOf(index.getAsInt()).map(BlockDirectory.BlockOwner::host);
  }

  /** Block owners as the other hosts' entries and this host's own record tell them. Locked. */
  Map<Integer, BlockDirectory.BlockOwner> owners(Map<String, BlockDirectory.Entry> entries) {
    List<BlockDirectory.Entry> others = new ArrayList<>();
    entries.values().forEach(e -> {
      if (!e.host().equals(host)) {
        others.add(e);
      }
    });
    others.add(new BlockDirectory.Entry(host, record.fleet().orElse(null), layout.range(), record.blocks(), null));
    return BlockDirectory.owners(others);
  }
}
