package io.weft.agent.alloc;

import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.OwnedBlocks;
import io.weft.common.bus.FleetEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * This host's blocks brought in line with what the fleet's directory says, whatever happened
 * apart: a fleet founded (by the oldest member, when it may) or joined; blocks given to this host
 * taken; blocks another host owns at a higher version given up (it was removed with rmpeer while
 * away); and, when fleets founded apart meet, the smaller's (or younger's, of two alike) blocks
 * given up so its hosts join the other's address space. Of two claims on a block the higher
 * version is the true one, so the order in which the histories meet does not matter.
 */
final class FleetMerge {

  private static final Logger LOG = Logger.getLogger(FleetMerge.class.getName());

  private final BookState state;
  private final Publication publication;

  FleetMerge(BookState state, Publication publication) {
    this.state = state;
    this.publication = publication;
  }

  /**
   * Founds a fleet when this host has none and sees none, and may found one: it is the cluster's
   * oldest member, and it was given no peers or has others with it. Otherwise, a host without a
   * fleet takes on the one it sees. Returns whether this host has a fleet now.
   */
  boolean foundOrJoin(boolean oldestMember, boolean mayFoundAlone, int members) {
    return state.locked(() -> {
      HostRecord record = state.record;
      if (record.fleet().isPresent()) {
        return true;
      }
      Optional<FleetId> seen = preferredFleet(state.directory.entries());
      if (seen.isPresent()) {
        record.joinFleet(seen.get());
        LOG.info("joined the address space of fleet " + seen.get());
      } else if (oldestMember && (mayFoundAlone || members > 1)) {
        record.joinFleet(FleetId.found());
        record.blocks(OwnedBlocks.founding(state.layout));
        LOG.info("founded fleet " + record.fleet().get() + ": this host owns all of " + state.layout);
      } else {
        return false;
      }
      record.save();
      publication.entry();
      return true;
    });
  }

  /**
   * Brings this host's blocks in line with what the fleet says. Returns the holders of this host
   * whose addresses must now be claimed again from their blocks' new owners (this host joined
   * another fleet's address space).
   */
  List<Owner> follow() {
    Map<String, BlockDirectory.Entry> entries = state.directory.entries();
    return state.locked(() -> {
      HostRecord record = state.record;
      List<Owner> toClaimAgain = new ArrayList<>();
      boolean changed = false;
      BlockDirectory.Entry mine = entries.get(state.host);
      if (mine != null && mine.removed() && !record.blocks().owned().isEmpty()) {
        LOG.warning("this host was removed from the fleet with rmpeer by " + mine.removedBy()
            + " while it was away: its blocks are another host's now");
        record.blocks(OwnedBlocks.NONE);
        record.ledger().clear();
        changed = true;
      }
      Optional<FleetId> other = preferredFleet(entries).filter(f -> record.fleet().isPresent()
          && !f.equals(record.fleet().get()));
      if (other.isPresent()) {
        LOG.warning("met fleet " + other.get() + ", which has more hosts than this host's "
            + record.fleet().get() + " (or as many, and is older): giving up this host's blocks to "
            + "join its address space");
        record.joinFleet(other.get());
        record.blocks(OwnedBlocks.NONE);
        record.ledger().clear();
        record.holdings().keySet().forEach(container -> toClaimAgain.add(new Owner(state.host, container)));
        changed = true;
      }
      changed |= followOwners(entries);
      if (changed) {
        record.save();
        publication.entry();
      }
      return toClaimAgain;
    });
  }

  /** Takes the blocks given to this host, and gives up those owned elsewhere at a higher version. Locked. */
  private boolean followOwners(Map<String, BlockDirectory.Entry> entries) {
    HostRecord record = state.record;
    int taken = 0;
    List<String> lost = new ArrayList<>();
    for (Map.Entry<Integer, BlockDirectory.BlockOwner> block : state.owners(entries).entrySet()) {
      int index = block.getKey();
      BlockDirectory.BlockOwner owner = block.getValue();
      if (owner.version() <= record.blocks().knownVersion(index) || !sameFleet(entries, owner.host())) {
        continue;
      }
      if (owner.host().equals(state.host)) {
        record.blocks(record.blocks().adopt(index, owner.version()));
        taken++;
      } else if (record.blocks().owns(index)) {
        record.blocks(record.blocks().yield(index, owner.host(), owner.version()));
        lost.add(state.layout.block(index) + " (" + owner.host() + ")");
      }
    }
    if (taken > 0) {
      LOG.info("took " + taken + " blocks given to this host that it had not taken yet");
      state.events().publish(FleetEvent.blocksTaken(state.host, taken, null));
    }
    if (!lost.isEmpty()) {
      LOG.warning("gave up " + lost.size() + " blocks another host owns at a higher version: "
          + String.join(", ", lost.subList(0, Math.min(5, lost.size()))) + (lost.size() > 5 ? ", ..." : ""));
    }
    return taken > 0 || !lost.isEmpty();
  }

  private boolean sameFleet(Map<String, BlockDirectory.Entry> entries, String other) {
    if (other.equals(state.host)) {
      return true;
    }
    BlockDirectory.Entry entry = entries.get(other);
    return entry == null || entry.fleet() == null || entry.fleet().equals(state.record.fleet().orElse(null));
  }

  /**
   * The fleet whose address space this host belongs in when fleets founded apart meet: the one
   * with the most hosts now (this host counting for its own), then the older. Hosts of another
   * range are of another fleet, whatever they say. Locked.
   */
  private Optional<FleetId> preferredFleet(Map<String, BlockDirectory.Entry> entries) {
    Map<FleetId, Integer> hosts = new HashMap<>();
    for (BlockDirectory.Entry e : entries.values()) {
      if (!e.host().equals(state.host) && !e.removed() && e.fleet() != null
          && state.layout.range().equals(e.range()) && state.isLive.test(e.host())) {
        hosts.merge(e.fleet(), 1, Integer::sum);
      }
    }
    state.record.fleet().ifPresent(mine -> hosts.merge(mine, 1, Integer::sum));
    return hosts.entrySet().stream()
        .max(Comparator.<Map.Entry<FleetId, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(Map.Entry::getKey, (a, b) -> a.isOlderThan(b) ? 1 : b.isOlderThan(a) ? -1 : 0))
        .map(Map.Entry::getKey);
  }
}
