package io.weft.agent.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.BlockAllocator;
import io.weft.common.bus.FleetEvent;
import io.weft.common.net.Ipv4;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Blocks passing between hosts by gift: a host with no free address left asks a host it can
 * reach for space, and the one asked gives up half of its free blocks, on disk, before the asker
 * takes them. A gift raises each block's version, so the gift outranks the giver's old claim
 * wherever the two meet.
 */
final class BlockGifts {

  private static final Logger LOG = Logger.getLogger(BlockGifts.class.getName());

  private final BookState state;
  private final Publication publication;
  private final RemoteBlocks remote;

  BlockGifts(BookState state, Publication publication, RemoteBlocks remote) {
    this.state = state;
    this.publication = publication;
    this.remote = remote;
  }

  /** Gives {@code to} half of this host's free blocks; the blocks, with the versions {@code to} owns them at. */
  Map<Integer, Integer> give(String to) {
    return state.locked(() -> {
      HostRecord record = state.record;
      List<Integer> indices = BlockAllocator.toGive(record.blocks(), state.blocksInUse());
      if (indices.isEmpty()) {
        return Map.of();
      }
      record.blocks(record.blocks().give(indices, to));
      record.save(); // given up here, on disk, before the other host takes them
      publication.entry();
      Map<Integer, Integer> gift = new TreeMap<>();
      indices.forEach(i -> gift.put(i, record.blocks().given().get(i).version()));
      LOG.info("gave " + indices.size() + " blocks to " + to);
      state.events().publish(FleetEvent.blocksGiven(state.host, indices.size(), to));
      return gift;
    });
  }

  /**
   * Takes more space now, while hosts that can give are reachable, when this host's blocks have
   * little room left (or it has none yet: it just joined): a host cut off later in a minority
   * goes on allocating from what it took. Returns whether it took any; a refusal is left for the
   * next try (the next join, or the next allocation that finds the room low).
   */
  boolean topUp() {
    if (state.fleet().isEmpty() || state.locked(() -> hasRoom(state.taken()))) {
      return false;
    }
    try {
      ask(true);
      return true;
    } catch (WeftException e) {
      LOG.fine("no space taken ahead of need: " + e.getMessage());
      return false;
    }
  }

  /**
   * Whether this host's blocks hold at least {@link #roomWanted} free addresses, {@code taken}
   * left out. Locked; stops counting once there are enough.
   */
  boolean hasRoom(java.util.Set<Ipv4> taken) {
    long wanted = roomWanted();
    long free = 0;
    for (int index : state.record.blocks().owned().keySet()) {
      io.weft.common.net.Cidr block = state.layout.block(index);
      for (long offset = 0; offset < state.layout.blockSize() && free < wanted; offset++) {
        if (BlockAllocator.isFree(state.layout, block.network().plus(offset), taken, state.layout.range().subnet())) {
          free++;
        }
      }
      if (free >= wanted) {
        return true;
      }
    }
    return false;
  }

  /** A quarter of a block: the next block is taken while this many addresses are still free. */
  long roomWanted() {
    return Math.max(1, state.layout.blockSize() / 4);
  }

  /** Asks a host that can be reached for blocks; fails with a clear error when none can give. */
  void askForSpace() {
    ask(false);
  }

  /**
   * Asks the hosts that own most first. Ahead of need, only hosts with more than one block: a
   * host of one free block would give it and, owning none, ask for one in turn, and one block
   * would go round the fleet; it is given up only to a host that needs it now.
   */
  private void ask(boolean aheadOfNeed) {
    if (state.fleet().isEmpty()) {
      throw new WeftException(ErrorCode.OWNER_UNREACHABLE, "this host has no address space yet: it "
          + "has not reached a fleet to take blocks from (see weft peers)");
    }
    Map<String, BlockDirectory.Entry> entries = state.directory.entries();
    List<String> donors = state.directory.byBlocksOwned().stream()
        .filter(d -> !d.equals(state.host))
        .filter(d -> !aheadOfNeed || entries.get(d) == null || entries.get(d).blocks().owned().size() > 1)
        .toList();
    List<String> reachable = donors.stream().filter(state.isLive).toList();
    for (String donor : reachable) {
      Map<Integer, Integer> gift;
      try {
        gift = remote.askForSpace(donor, state.host);
      } catch (WeftException e) {
        LOG.info(donor + " gave no space: " + e.getMessage());
        continue;
      }
      if (gift.isEmpty()) {
        continue;
      }
      state.locked(() -> {
        HostRecord record = state.record;
        gift.forEach((index, version) -> record.blocks(record.blocks().adopt(index, version)));
        record.save();
        publication.entry();
      });
      LOG.info("took " + gift.size() + " blocks from " + donor);
      return;
    }
    if (reachable.size() < donors.size()) {
      throw new WeftException(ErrorCode.OWNER_UNREACHABLE, "no free address is left in this host's "
          + "blocks, and no host that could give one can be reached now (not reachable: "
          + String.join(", ", donors.stream().filter(state.isLive.negate()).toList()) + ")");
    }
    throw new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + state.layout.range());
  }
}
