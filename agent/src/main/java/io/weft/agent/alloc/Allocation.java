package io.weft.agent.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.BlockAllocator;
import io.weft.common.alloc.Holding;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Addresses given to this host's containers: the lowest free one of its own blocks, taken
 * without asking anyone, so a host goes on allocating on either side of a split; blocks asked of
 * another host when its own are full ({@link BlockGifts}); an address of another host's block
 * claimed through that host, and refused while it cannot be reached (weft never guesses). And
 * the owner's side of those claims: addresses of this host's blocks recorded as other hosts'.
 */
final class Allocation {

  /** How many addresses of other hosts' blocks a subnet allocation tries before it gives up. */
  private static final int CLAIM_TRIES = 8;
  /** Rounds of asking for space before an allocation says the range is full. */
  private static final int ALLOCATE_TRIES = 3;

  private final BookState state;
  private final Publication publication;
  private final BlockGifts gifts;
  private final Releases releases;
  private final RemoteBlocks remote;
  private final Runnable onAllocation;
  private volatile Runnable lowRoom = () -> { };

  /** @param onAllocation told of every address handed out (for metrics) */
  Allocation(BookState state, Publication publication, BlockGifts gifts, Releases releases,
      RemoteBlocks remote, Runnable onAllocation) {
    this.state = state;
    this.publication = publication;
    this.gifts = gifts;
    this.releases = releases;
    this.remote = remote;
    this.onAllocation = onAllocation;
  }

  /** Records {@code cidrs} as {@code owner}'s, all or none; those it did not hold before. */
  List<Cidr> claim(List<Cidr> cidrs, Owner owner) {
    List<Cidr> claimed = new ArrayList<>();
    try {
      for (Cidr cidr : cidrs) {
        if (claimOne(cidr, owner)) {
          claimed.add(cidr);
        }
      }
    } catch (RuntimeException e) {
      releases.release(claimed, owner);
      throw e;
    }
    return claimed;
  }

  /** The lowest free address of this host's blocks, asking for more blocks when they are full. */
  Cidr allocate(Owner owner) {
    for (int attempt = 0; attempt < ALLOCATE_TRIES; attempt++) {
      Optional<Cidr> got = state.locked(() -> takeFirstFree(owner, state.layout.range().subnet()));
      if (got.isPresent()) {
        return got.get();
      }
      gifts.askForSpace();
    }
    throw new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + state.layout.range());
  }

  /**
   * A Docker network's address: the lowest free one of {@code subnet} in this host's blocks;
   * when they have none, one the fleet's record shows free, claimed through its block's owner,
   * who alone can say it is free. Fails with the last refusal when every try is refused.
   */
  Cidr allocateWithin(Cidr subnet, Owner owner) {
    if (subnet.equals(state.layout.range().subnet())) {
      return allocate(owner);
    }
    Optional<Cidr> got = state.locked(() -> takeFirstFree(owner, subnet));
    if (got.isPresent()) {
      return got.get();
    }
    Set<Ipv4> seen = state.locked(state::taken);
    WeftException last = new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + subnet);
    int tries = 0;
    for (long offset = 1; offset < subnet.size() - 1 && tries < CLAIM_TRIES; offset++) {
      Ipv4 candidate = subnet.network().plus(offset);
      if (!BlockAllocator.isFree(state.layout, candidate, seen, subnet)) {
        continue;
      }
      tries++;
      Cidr cidr = new Cidr(candidate, subnet.prefixLength());
      try {
        if (claimOne(cidr, owner)) {
          onAllocation.run();
          return cidr;
        }
      } catch (WeftException refused) {
        last = refused;
      }
    }
    throw last;
  }

  /** Records the MAC {@code owner}'s addresses answer at; claims those of its own blocks not yet recorded. */
  void describe(List<Cidr> cidrs, Owner owner, String mac) {
    state.locked(() -> {
      HostRecord record = state.record;
      boolean changed = false;
      for (Cidr cidr : cidrs) {
        HostRecord.Held held = record.heldBy(owner.container()).get(cidr.address());
        if (held != null && mac.equals(held.mac()) && held.cidr().equals(cidr)) {
          continue;
        }
        if (held == null && state.ownsBlockOf(cidr.address())) {
          record.ledger().putIfAbsent(cidr.address(), owner); // found in the kernel: record it
        }
        publication.hold(owner, new HostRecord.Held(cidr, mac, held == null ? Instant.now() : held.since()));
        changed = true;
      }
      if (changed) {
        record.save();
      }
    });
  }

  /** What {@code owner}, a holder of this host's, holds, in order. */
  List<Cidr> heldBy(Owner owner) {
    return state.locked(() -> state.record.heldBy(owner.container()).values().stream()
        .map(HostRecord.Held::cidr).sorted(Comparator.comparing(Cidr::toString)).toList());
  }

  /** The MAC {@code owner}'s interface last answered at. */
  Optional<String> macOf(Owner owner) {
    return state.locked(() -> state.record.heldBy(owner.container()).values().stream()
        .map(HostRecord.Held::mac).filter(mac -> mac != null).findFirst());
  }

  /** This host's containers weft attached that hold addresses (the bridge and Docker's left out). */
  List<String> containers() {
    return state.locked(() -> state.record.holdings().keySet().stream()
        .filter(c -> new Owner(state.host, c).isAttachedContainer()).toList());
  }

  /** Records {@code address} of this host's blocks as {@code holder}'s, for another host. */
  void claimFor(Ipv4 address, Owner holder) {
    state.locked(() -> {
      HostRecord record = state.record;
      if (!state.ownsBlockOf(address)) {
        throw new WeftException(ErrorCode.BAD_REQUEST, "NOT_OWNER: " + address + " is not in a block of " + state.host);
      }
      Owner current = record.ledger().get(address);
      if (current != null && !current.equals(holder)) {
        throw inUse(address, current, holder);
      }
      record.ledger().put(address, holder);
      record.save();
    });
  }

  /**
   * Claims again, from the owners of their blocks, the addresses {@code owner} holds: after this
   * host joined the address space of an older fleet. Returns those refused, held there by
   * another, which this host must give up; one whose owner cannot be reached now is left for the
   * next try, in {@code unreached}.
   */
  List<Cidr> claimAgain(Owner owner, List<Cidr> unreached) {
    List<Cidr> refused = new ArrayList<>();
    for (Cidr cidr : heldBy(owner)) {
      Ipv4 ip = cidr.address();
      if (state.layout.indexOf(ip).isEmpty()) {
        continue;
      }
      Optional<String> blockOwner = state.ownerOf(ip);
      try {
        if (blockOwner.isEmpty() || !state.isLive.test(blockOwner.get())) {
          unreached.add(cidr);
        } else if (blockOwner.get().equals(state.host)) {
          claimFor(ip, owner);
        } else {
          remote.claim(blockOwner.get(), ip, owner);
        }
      } catch (WeftException e) {
        if (e.code() == ErrorCode.ADDRESS_IN_USE) {
          refused.add(cidr);
        } else {
          unreached.add(cidr);
        }
      }
    }
    return refused;
  }

  /** Takes the lowest free address of {@code subnet} in this host's blocks for {@code owner}. Locked. */
  private Optional<Cidr> takeFirstFree(Owner owner, Cidr subnet) {
    HostRecord record = state.record;
    Set<Ipv4> taken = state.taken();
    Optional<Cidr> free = BlockAllocator.firstFree(state.layout, record.blocks().owned().keySet(), taken, subnet);
    free.ifPresent(cidr -> {
      record.ledger().put(cidr.address(), owner);
      publication.hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
      record.save();
      onAllocation.run();
      taken.add(cidr.address());
      if (!gifts.hasRoom(taken)) {
        lowRoom.run();
      }
    });
    return free;
  }

  /** Runs {@code lowRoom} (it must only hand off) when an allocation leaves this host's blocks with little room. */
  void onLowRoom(Runnable lowRoom) {
    this.lowRoom = lowRoom;
  }

  /** Claims one address; false when the owner held it already. */
  private boolean claimOne(Cidr cidr, Owner owner) {
    Ipv4 ip = cidr.address();
    OptionalInt index = state.layout.indexOf(ip);
    Optional<Boolean> decided = state.locked(() -> claimLocally(cidr, owner, index));
    if (decided.isPresent()) {
      return decided.get();
    }
    String blockOwner = state.ownerOf(ip).orElseThrow(() -> unreachable(cidr, "no host owns its block yet"));
    String block = state.layout.block(index.getAsInt()).toString();
    if (!state.isLive.test(blockOwner)) {
      throw unreachable(cidr, "its block " + block + " is " + blockOwner + "'s, which is not reachable now");
    }
    try {
      remote.claim(blockOwner, ip, owner);
    } catch (WeftException e) {
      if (e.code() != ErrorCode.OWNER_UNREACHABLE) {
        throw e;
      }
      throw unreachable(cidr, "its block " + block + " is " + blockOwner + "'s, which did not answer ("
          + e.getMessage() + ")");
    }
    state.locked(() -> {
      publication.hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
      state.record.save();
    });
    return true;
  }

  /**
   * A claim this host decides alone: one the owner holds already (false), one outside the range
   * (the fleet's record is all there is to ask) or of its own blocks (true). Empty when the
   * block is another host's, which must be asked. Locked.
   */
  private Optional<Boolean> claimLocally(Cidr cidr, Owner owner, OptionalInt index) {
    HostRecord record = state.record;
    Ipv4 ip = cidr.address();
    if (record.heldBy(owner.container()).containsKey(ip)) {
      return Optional.of(false);
    }
    if (index.isEmpty()) {
      for (Holding h : state.holdings.all()) {
        if (h.cidr().address().equals(ip) && !(h.host().equals(state.host) && h.container().equals(owner.container()))) {
          throw inUse(ip, new Owner(h.host(), h.container()), owner);
        }
      }
    } else if (record.blocks().owns(index.getAsInt())) {
      Owner current = record.ledger().get(ip);
      if (current != null && !current.equals(owner)) {
        throw inUse(ip, current, owner);
      }
      record.ledger().put(ip, owner);
    } else {
      return Optional.empty();
    }
    publication.hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
    record.save();
    return Optional.of(true);
  }

  private static WeftException inUse(Ipv4 ip, Owner holder, Owner wanted) {
    return new WeftException(ErrorCode.ADDRESS_IN_USE, ip + " is held by " + holder + "; not given to " + wanted);
  }

  private static WeftException unreachable(Cidr cidr, String why) {
    return new WeftException(ErrorCode.OWNER_UNREACHABLE, cidr.address() + " is not given: " + why
        + "; nothing was claimed (try again once it is back, or give an address of this host's own blocks)");
  }
}
