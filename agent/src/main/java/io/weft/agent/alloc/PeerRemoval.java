package io.weft.agent.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.Holding;
import io.weft.common.bus.FleetEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code rmpeer}: a host that will not come back has its blocks taken over by this one, at a
 * higher version (so the taking outranks the dead host's claim, should it come back after all),
 * with the addresses other hosts hold in them; what it held itself is forgotten, and a tombstone
 * in the directory tells every host it is gone.
 */
final class PeerRemoval {

  private static final Logger LOG = Logger.getLogger(PeerRemoval.class.getName());
  /** How long rmpeer waits for a host that just left to be taken out of the fleet's maps. */
  static final Duration LEAVING_BOUND = Duration.ofSeconds(15);

  private final BookState state;
  private final Publication publication;

  PeerRemoval(BookState state, Publication publication) {
    this.state = state;
    this.publication = publication;
  }

  AddressBook.RemovedPeer remove(String name) {
    if (name.equals(state.host)) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "rmpeer takes another host, not this one");
    }
    if (state.isLive.test(name)) {
      throw new WeftException(ErrorCode.HOST_ALIVE, name + " is a member of the fleet now; rmpeer is "
          + "for a host that will not come back (stop it first, or wait until it has left)");
    }
    awaitLeft(name);
    Map<String, BlockDirectory.Entry> entries = state.directory.entries();
    BlockDirectory.Entry entry = entries.get(name);
    if (entry == null || entry.removed()) {
      throw new WeftException(ErrorCode.NO_SUCH_HOST, "no host named '" + name + "' in the fleet's address record");
    }
    List<Holding> all = state.holdings.all();
    return state.locked(() -> {
      HostRecord record = state.record;
      int taken = 0;
      for (Map.Entry<Integer, BlockDirectory.BlockOwner> block : state.owners(entries).entrySet()) {
        if (block.getValue().host().equals(name)) {
          int index = block.getKey();
          record.blocks(record.blocks().adopt(index, block.getValue().version() + 1));
          for (Holding h : all) {
            if (!h.host().equals(name) && state.layout.indexOf(h.cidr().address()).orElse(-1) == index) {
              record.ledger().put(h.cidr().address(), new Owner(h.host(), h.container()));
            }
          }
          taken++;
        }
      }
      List<String> keys = state.holdings.keysOf(name);
      keys.forEach(state.holdings::removeKey);
      state.directory.tombstone(name, state.host);
      record.save();
      publication.entry();
      LOG.info("removed " + name + ": took its " + taken + " blocks, forgot " + keys.size() + " addresses it held");
      if (taken > 0) {
        state.events().publish(FleetEvent.blocksTaken(state.host, taken, name));
      }
      return new AddressBook.RemovedPeer(name, taken, keys.size());
    });
  }

  /**
   * Waits while {@code name}'s departure is still taken in: its tombstone written then could be
   * lost as the maps' partitions it owned change hands (a test run saw the gone host's directory
   * entry come back over it).
   */
  private void awaitLeft(String name) {
    long end = System.nanoTime() + LEAVING_BOUND.toNanos();
    while (state.leaving.test(name)) {
      if (System.nanoTime() > end) {
        throw new WeftException(ErrorCode.HOST_ALIVE, name + " is still leaving the fleet (its entries "
            + "are being taken out); try again in a few seconds");
      }
      try {
        Thread.sleep(50); // polling the condition, bounded above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WeftException(ErrorCode.HOST_ALIVE, name + " is still leaving the fleet; try again");
      }
    }
  }

  /** The hosts removed from the fleet with rmpeer, as their tombstones tell. */
  List<String> removed() {
    return state.directory.entries().values().stream().filter(BlockDirectory.Entry::removed)
        .map(BlockDirectory.Entry::host).toList();
  }
}
