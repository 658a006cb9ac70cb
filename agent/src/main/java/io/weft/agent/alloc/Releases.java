package io.weft.agent.alloc;

import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * Addresses given back. One of this host's blocks is free again at once; one of another host's
 * block is owed to that host, kept in the record until it can be reached, and sent then: a
 * release is never lost to a split or a restart. And the owner's side: an address of this host's
 * blocks that another host gives back.
 */
final class Releases {

  private static final Logger LOG = Logger.getLogger(Releases.class.getName());

  private final BookState state;
  private final Publication publication;
  private final RemoteBlocks remote;

  Releases(BookState state, Publication publication, RemoteBlocks remote) {
    this.state = state;
    this.publication = publication;
    this.remote = remote;
  }

  /** Forgets {@code cidrs} where {@code owner}, a holder of this host's, holds them. */
  void release(List<Cidr> cidrs, Owner owner) {
    if (cidrs.isEmpty()) {
      return;
    }
    state.locked(() -> {
      HostRecord record = state.record;
      for (Cidr cidr : cidrs) {
        Ipv4 ip = cidr.address();
        if (!record.drop(owner.container(), ip)) {
          continue;
        }
        publication.forget(owner.container(), ip);
        OptionalInt index = state.layout.indexOf(ip);
        if (index.isEmpty()) {
          continue;
        }
        if (record.blocks().owns(index.getAsInt())) {
          record.ledger().remove(ip, owner);
        } else {
          String blockOwner = state.directory.ownerOf(index.getAsInt()).map(BlockDirectory.BlockOwner::host)
              .orElse(null);
          record.pending().add(new HostRecord.Pending(blockOwner, ip, owner));
        }
      }
      record.save();
    });
    sendPending();
  }

  /** Forgets {@code address} where {@code holder} holds it, for another host. */
  void releaseFor(Ipv4 address, Owner holder) {
    state.locked(() -> {
      if (state.record.ledger().remove(address, holder)) {
        state.record.save();
      }
    });
  }

  /** Sends the releases this host owes to the owners of other blocks that can be reached now. */
  void sendPending() {
    List<HostRecord.Pending> due = state.locked(() -> List.copyOf(state.record.pending()));
    for (HostRecord.Pending p : due) {
      String owner = p.blockOwner() != null ? p.blockOwner() : state.ownerOf(p.address()).orElse(null);
      if (owner == null || !state.isLive.test(owner)) {
        continue;
      }
      try {
        if (!owner.equals(state.host)) {
          remote.release(owner, p.address(), p.holder());
        } else {
          releaseFor(p.address(), p.holder());
        }
        state.locked(() -> {
          state.record.pending().remove(p);
          state.record.save();
        });
      } catch (WeftException e) {
        LOG.fine("release of " + p.address() + " to " + owner + " not sent yet: " + e.getMessage());
      }
    }
  }
}
