package io.weft.agent.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.BlockAllocator;
import io.weft.common.alloc.BlockLayout;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.Holding;
import io.weft.common.alloc.OwnedBlocks;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The fleet's address record as one host keeps its part of it, so that no address is ever handed
 * out twice, a split fleet included. The range is cut into blocks; every block has one owner,
 * and only the owner hands out its addresses. A host allocates from its own blocks without
 * asking anyone, so it goes on allocating on either side of a split; when it has no free
 * address left it asks a host it can reach for blocks, which that host gives up before this one
 * takes them. An address of another host's block is claimed through that host, and refused when
 * it cannot be reached: weft never guesses. The fleet's founder owns every block at first.
 *
 * <p>This host's part ({@link HostRecord}) is the truth about its blocks and is kept in the
 * state volume; the replicated {@link BlockDirectory} and {@link FleetHoldings} tell the fleet
 * what each host owns and holds. One lock guards the record; no remote call is made under it.
 */
public final class FleetAddressBook implements AddressBook {

  private static final Logger LOG = Logger.getLogger(FleetAddressBook.class.getName());

  private final String host;
  private final BlockLayout layout;
  private final HostRecord record;
  private final BlockDirectory directory;
  private final FleetHoldings holdings;
  private final RemoteBlocks remote;
  private final Predicate<String> isLive;
  private final Runnable onAllocation;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile FleetEvents events = FleetEvents.NONE;
  /**
   * Keys of the fleet's holdings this host removed lately. A side of a split that merges back
   * brings the other side's copy, where they may still stand: they are removed again then.
   */
  private final Map<String, Instant> removed = new java.util.LinkedHashMap<>();
  private static final java.time.Duration REMEMBER_REMOVALS = java.time.Duration.ofMinutes(10);
  /** How many addresses of other hosts' blocks a subnet allocation tries before it gives up. */
  private static final int CLAIM_TRIES = 8;

  /**
   * @param isLive whether a host is a member of the cluster now, answered locally
   * @param onAllocation told of every address handed out (for metrics)
   */
  public FleetAddressBook(String host, AddressRange range, HostRecord record, BlockDirectory directory,
      FleetHoldings holdings, RemoteBlocks remote, Predicate<String> isLive, Runnable onAllocation) {
    this.host = host;
    this.layout = BlockLayout.of(range);
    this.record = record;
    this.directory = directory;
    this.holdings = holdings;
    this.remote = remote;
    this.isLive = isLive;
    this.onAllocation = onAllocation;
  }

  /** Tells {@code events} of every block this host takes or gives away from now on. */
  public void tell(FleetEvents events) {
    this.events = events;
  }

  // ---- what the command handlers ask

  @Override
  public List<Cidr> claim(List<Cidr> cidrs, Owner owner) {
    requireOwn(owner);
    List<Cidr> claimed = new ArrayList<>();
    try {
      for (Cidr cidr : cidrs) {
        if (claimOne(cidr, owner)) {
          claimed.add(cidr);
        }
      }
    } catch (RuntimeException e) {
      release(claimed, owner);
      throw e;
    }
    return claimed;
  }

  @Override
  public Cidr allocate(AddressRange range, Owner owner) {
    requireOwn(owner);
    for (int attempt = 0; attempt < 3; attempt++) {
      lock.lock();
      try {
        Optional<Cidr> free = BlockAllocator.firstFree(layout, record.blocks().owned().keySet(), taken());
        if (free.isPresent()) {
          Cidr cidr = free.get();
          record.ledger().put(cidr.address(), owner);
          hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
          record.save();
          onAllocation.run();
          return cidr;
        }
      } finally {
        lock.unlock();
      }
      askForSpace();
    }
    throw new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + layout.range());
  }

  /**
   * A Docker network's address: the lowest free one of {@code subnet} in this host's blocks;
   * when they have none, one the fleet's record shows free, claimed through its block's owner,
   * who alone can say it is free. Fails with the last refusal when every try is refused.
   */
  @Override
  public Cidr allocateWithin(Cidr subnet, Owner owner) {
    requireOwn(owner);
    if (subnet.equals(layout.range().subnet())) {
      return allocate(layout.range(), owner);
    }
    Set<Ipv4> seen;
    lock.lock();
    try {
      Optional<Cidr> free = BlockAllocator.firstFree(layout, record.blocks().owned().keySet(), taken(), subnet);
      if (free.isPresent()) {
        Cidr cidr = free.get();
        record.ledger().put(cidr.address(), owner);
        hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
        record.save();
        onAllocation.run();
        return cidr;
      }
      seen = taken();
    } finally {
      lock.unlock();
    }
    WeftException last = new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + subnet);
    int tries = 0;
    for (long offset = 1; offset < subnet.size() - 1 && tries < CLAIM_TRIES; offset++) {
      Ipv4 candidate = subnet.network().plus(offset);
      if (!BlockAllocator.isFree(layout, candidate, seen, subnet)) {
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

  @Override
  public void describe(List<Cidr> cidrs, Owner owner, String mac) {
    requireOwn(owner);
    lock.lock();
    try {
      boolean changed = false;
      for (Cidr cidr : cidrs) {
        HostRecord.Held held = record.heldBy(owner.container()).get(cidr.address());
        if (held != null && mac.equals(held.mac()) && held.cidr().equals(cidr)) {
          continue;
        }
        if (held == null && ownsBlockOf(cidr.address())) {
          record.ledger().putIfAbsent(cidr.address(), owner); // found in the kernel: record it
        }
        hold(owner, new HostRecord.Held(cidr, mac, held == null ? Instant.now() : held.since()));
        changed = true;
      }
      if (changed) {
        record.save();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Cidr> heldBy(Owner owner) {
    if (!owner.host().equals(host)) {
      return List.of();
    }
    lock.lock();
    try {
      return record.heldBy(owner.container()).values().stream().map(HostRecord.Held::cidr)
          .sorted(Comparator.comparing(Cidr::toString)).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<String> macOf(Owner owner) {
    lock.lock();
    try {
      return record.heldBy(owner.container()).values().stream().map(HostRecord.Held::mac)
          .filter(mac -> mac != null).findFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(List<Cidr> cidrs, Owner owner) {
    if (!owner.host().equals(host) || cidrs.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (Cidr cidr : cidrs) {
        Ipv4 ip = cidr.address();
        if (!record.drop(owner.container(), ip)) {
          continue;
        }
        holdings.remove(host, owner.container(), ip);
        removed.put(host + "|" + owner.container() + "|" + ip, Instant.now());
        OptionalInt index = layout.indexOf(ip);
        if (index.isEmpty()) {
          continue;
        }
        if (record.blocks().owns(index.getAsInt())) {
          record.ledger().remove(ip, owner);
        } else {
          String blockOwner = directory.ownerOf(index.getAsInt()).map(BlockDirectory.BlockOwner::host)
              .orElse(null);
          record.pending().add(new HostRecord.Pending(blockOwner, ip, owner));
        }
      }
      record.save();
    } finally {
      lock.unlock();
    }
    sendPendingReleases();
  }

  @Override
  public void releaseAll(Owner owner) {
    release(heldBy(owner), owner);
  }

  @Override
  public void releaseHost(String host) {
    if (!host.equals(this.host)) {
      return;
    }
    List<String> containers;
    lock.lock();
    try {
      containers = List.copyOf(record.holdings().keySet());
    } finally {
      lock.unlock();
    }
    containers.forEach(container -> releaseAll(new Owner(host, container)));
  }

  @Override
  public AddressSpace space() {
    List<String> lines = new ArrayList<>();
    for (Conflicts.Conflict c : Conflicts.find(holdings.all())) {
      lines.add(c.address() + " held by " + String.join(" and ", c.losers().stream()
          .map(FleetAddressBook::holder).toList()) + " too; kept by " + holder(c.keeper()));
    }
    lock.lock();
    try {
      return new AddressSpace(record.blocks().owned().size(), layout.count(), lines);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public RemovedPeer removePeer(String name) {
    if (name.equals(host)) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "rmpeer takes another host, not this one");
    }
    if (isLive.test(name)) {
      throw new WeftException(ErrorCode.HOST_ALIVE, name + " is a member of the fleet now; rmpeer is "
          + "for a host that will not come back (stop it first, or wait until it has left)");
    }
    Map<String, BlockDirectory.Entry> entries = directory.entries();
    BlockDirectory.Entry entry = entries.get(name);
    if (entry == null || entry.removed()) {
      throw new WeftException(ErrorCode.NO_SUCH_HOST, "no host named '" + name + "' in the fleet's address record");
    }
    List<Holding> all = holdings.all();
    lock.lock();
    try {
      int taken = 0;
      for (Map.Entry<Integer, BlockDirectory.BlockOwner> block : owners(entries).entrySet()) {
        if (block.getValue().host().equals(name)) {
          int index = block.getKey();
          record.blocks(record.blocks().adopt(index, block.getValue().version() + 1));
          for (Holding h : all) {
            if (!h.host().equals(name) && layout.indexOf(h.cidr().address()).orElse(-1) == index) {
              record.ledger().put(h.cidr().address(), new Owner(h.host(), h.container()));
            }
          }
          taken++;
        }
      }
      List<String> keys = holdings.keysOf(name);
      keys.forEach(holdings::removeKey);
      directory.tombstone(name, host);
      record.save();
      publishEntry();
      LOG.info("removed " + name + ": took its " + taken + " blocks, forgot " + keys.size() + " addresses it held");
      if (taken > 0) {
        events.publish(FleetEvent.blocksTaken(host, taken, name));
      }
      return new RemovedPeer(name, taken, keys.size());
    } finally {
      lock.unlock();
    }
  }

  // ---- what other hosts ask of this one

  /** Gives {@code to} half of this host's free blocks; the blocks, with the versions {@code to} owns them at. */
  public Map<Integer, Integer> give(String to) {
    lock.lock();
    try {
      List<Integer> indices = BlockAllocator.toGive(record.blocks(), blocksInUse());
      if (indices.isEmpty()) {
        return Map.of();
      }
      record.blocks(record.blocks().give(indices, to));
      record.save(); // given up here, on disk, before the other host takes them
      publishEntry();
      Map<Integer, Integer> gift = new java.util.TreeMap<>();
      indices.forEach(i -> gift.put(i, record.blocks().given().get(i).version()));
      LOG.info("gave " + indices.size() + " blocks to " + to);
      events.publish(FleetEvent.blocksGiven(host, indices.size(), to));
      return gift;
    } finally {
      lock.unlock();
    }
  }

  /** Records {@code address} of this host's blocks as {@code holder}'s, for another host. */
  public void claimFor(Ipv4 address, Owner holder) {
    lock.lock();
    try {
      OptionalInt index = layout.indexOf(address);
      if (index.isEmpty() || !record.blocks().owns(index.getAsInt())) {
        throw new WeftException(ErrorCode.BAD_REQUEST, "NOT_OWNER: " + address + " is not in a block of " + host);
      }
      Owner current = record.ledger().get(address);
      if (current != null && !current.equals(holder)) {
        throw new WeftException(ErrorCode.ADDRESS_IN_USE,
            address + " is held by " + current + "; not given to " + holder);
      }
      record.ledger().put(address, holder);
      record.save();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets {@code address} where {@code holder} holds it, for another host. */
  public void releaseFor(Ipv4 address, Owner holder) {
    lock.lock();
    try {
      if (record.ledger().remove(address, holder)) {
        record.save();
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- following the fleet

  /**
   * Founds a fleet when this host has none and sees none, and may found one: it is the cluster's
   * oldest member, and it was given no peers or has others with it. Otherwise, a host without a
   * fleet takes on the one it sees. Returns whether this host has a fleet now.
   */
  public boolean foundOrJoin(boolean oldestMember, boolean mayFoundAlone, int members) {
    lock.lock();
    try {
      if (record.fleet().isPresent()) {
        return true;
      }
      Optional<FleetId> seen = preferredFleet(directory.entries());
      if (seen.isPresent()) {
        record.joinFleet(seen.get());
        LOG.info("joined the address space of fleet " + seen.get());
      } else if (oldestMember && (mayFoundAlone || members > 1)) {
        record.joinFleet(FleetId.found());
        record.blocks(OwnedBlocks.founding(layout));
        LOG.info("founded fleet " + record.fleet().get() + ": this host owns all of " + layout);
      } else {
        return false;
      }
      record.save();
      publishEntry();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Brings this host's blocks in line with what the fleet says: takes the blocks given to it,
   * gives up those another host took at a higher version (rmpeer of this host while it was
   * away), and, when the fleet of an older founding is met, gives up its blocks to join that
   * fleet's address space. Returns the addresses this host holds that it must now claim again
   * from their blocks' new owners.
   */
  public List<Owner> follow() {
    Map<String, BlockDirectory.Entry> entries = directory.entries();
    List<Owner> toClaimAgain = new ArrayList<>();
    lock.lock();
    try {
      boolean changed = false;
      BlockDirectory.Entry mine = entries.get(host);
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
        record.holdings().keySet().forEach(container -> toClaimAgain.add(new Owner(host, container)));
        changed = true;
      }
      int taken = 0;
      List<String> lost = new ArrayList<>();
      for (Map.Entry<Integer, BlockDirectory.BlockOwner> block : owners(entries).entrySet()) {
        int index = block.getKey();
        BlockDirectory.BlockOwner owner = block.getValue();
        if (owner.version() <= record.blocks().knownVersion(index) || !sameFleet(entries, owner.host())) {
          continue;
        }
        if (owner.host().equals(host)) {
          record.blocks(record.blocks().adopt(index, owner.version()));
          taken++;
        } else if (record.blocks().owns(index)) {
          record.blocks(record.blocks().yield(index, owner.host(), owner.version()));
          lost.add(layout.block(index) + " (" + owner.host() + ")");
        }
      }
      if (taken > 0) {
        LOG.info("took " + taken + " blocks given to this host that it had not taken yet");
        events.publish(FleetEvent.blocksTaken(host, taken, null));
      }
      if (!lost.isEmpty()) {
        LOG.warning("gave up " + lost.size() + " blocks another host owns at a higher version: "
            + String.join(", ", lost.subList(0, Math.min(5, lost.size()))) + (lost.size() > 5 ? ", ..." : ""));
      }
      changed |= taken > 0 || !lost.isEmpty();
      if (changed) {
        record.save();
        publishEntry();
      }
      return toClaimAgain;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Claims again, from the owners of their blocks, the addresses {@code owner} holds: after this
   * host joined the address space of an older fleet. Returns those refused, held there by
   * another, which this host must give up; one whose owner cannot be reached now is left for the
   * next try, in {@code unreached}.
   */
  public List<Cidr> claimAgain(Owner owner, List<Cidr> unreached) {
    List<Cidr> refused = new ArrayList<>();
    for (Cidr cidr : heldBy(owner)) {
      Ipv4 ip = cidr.address();
      Optional<String> blockOwner = ownerOf(ip);
      if (layout.indexOf(ip).isEmpty()) {
        continue;
      }
      try {
        if (blockOwner.isEmpty() || !isLive.test(blockOwner.get())) {
          unreached.add(cidr);
        } else if (blockOwner.get().equals(host)) {
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

  /** Enters this host's blocks and every address it holds in the fleet's maps, and clears stale ones. */
  public void publish() {
    lock.lock();
    try {
      publishEntry();
      record.holdings().forEach((container, held) -> held.values().forEach(h ->
          holdings.put(new Holding(h.cidr(), host, container, h.since(), h.mac()))));
      Instant forgotten = Instant.now().minus(REMEMBER_REMOVALS);
      removed.values().removeIf(at -> at.isBefore(forgotten));
      removed.keySet().forEach(holdings::removeKey);
      dropStaleEntries();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes this host's entries in its copy of the fleet's holdings that its record no longer
   * has: a copy filled again after a merge may show some the other side kept. Cheap: a look at
   * the local copy, run now and then.
   */
  public void dropStaleEntries() {
    lock.lock();
    try {
      Set<String> keys = new HashSet<>();
      record.holdings().forEach((container, held) -> held.values().forEach(h ->
          keys.add(host + "|" + container + "|" + h.cidr().address())));
      for (String key : holdings.keysOf(host)) {
        if (!keys.contains(key)) {
          holdings.removeKey(key);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends the releases this host owes to the owners of other blocks that can be reached now. */
  public void sendPendingReleases() {
    List<HostRecord.Pending> due;
    lock.lock();
    try {
      due = List.copyOf(record.pending());
    } finally {
      lock.unlock();
    }
    for (HostRecord.Pending p : due) {
      String owner = p.blockOwner() != null ? p.blockOwner() : ownerOf(p.address()).orElse(null);
      if (owner == null || !isLive.test(owner)) {
        continue;
      }
      try {
        if (!owner.equals(host)) {
          remote.release(owner, p.address(), p.holder());
        } else {
          releaseFor(p.address(), p.holder());
        }
        lock.lock();
        try {
          record.pending().remove(p);
          record.save();
        } finally {
          lock.unlock();
        }
      } catch (WeftException e) {
        LOG.fine("release of " + p.address() + " to " + owner + " not sent yet: " + e.getMessage());
      }
    }
  }

  /** The hosts removed from the fleet with rmpeer, as their tombstones tell. */
  public List<String> removedHosts() {
    return directory.entries().values().stream().filter(BlockDirectory.Entry::removed)
        .map(BlockDirectory.Entry::host).toList();
  }

  /** This host's containers weft attached that hold addresses (the bridge and Docker's left out). */
  public List<String> containers() {
    lock.lock();
    try {
      return record.holdings().keySet().stream()
          .filter(c -> new Owner(host, c).isAttachedContainer()).toList();
    } finally {
      lock.unlock();
    }
  }

  /** The holdings the fleet's record shows, for the overlay and the conflict watch. */
  public FleetHoldings holdings() {
    return holdings;
  }

  public String host() {
    return host;
  }

  // ---- inside

  /** Claims one address; false when the owner held it already. */
  private boolean claimOne(Cidr cidr, Owner owner) {
    Ipv4 ip = cidr.address();
    OptionalInt index = layout.indexOf(ip);
    lock.lock();
    try {
      if (record.heldBy(owner.container()).containsKey(ip)) {
        return false;
      }
      if (index.isEmpty()) {
        // Outside the range no block has an owner: the fleet's record is all there is to ask.
        for (Holding h : holdings.all()) {
          if (h.cidr().address().equals(ip) && !(h.host().equals(host) && h.container().equals(owner.container()))) {
            throw inUse(ip, new Owner(h.host(), h.container()), owner);
          }
        }
        hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
        record.save();
        return true;
      }
      if (record.blocks().owns(index.getAsInt())) {
        Owner current = record.ledger().get(ip);
        if (current != null && !current.equals(owner)) {
          throw inUse(ip, current, owner);
        }
        record.ledger().put(ip, owner);
        hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
        record.save();
        return true;
      }
    } finally {
      lock.unlock();
    }
    String blockOwner = ownerOf(ip).orElseThrow(() -> unreachable(cidr, "no host owns its block yet"));
    if (!isLive.test(blockOwner)) {
      throw unreachable(cidr, "its block " + layout.block(index.getAsInt()) + " is " + blockOwner
          + "'s, which is not reachable now");
    }
    try {
      remote.claim(blockOwner, ip, owner);
    } catch (WeftException e) {
      if (e.code() != ErrorCode.OWNER_UNREACHABLE) {
        throw e;
      }
      throw unreachable(cidr, "its block " + layout.block(index.getAsInt()) + " is " + blockOwner
          + "'s, which did not answer (" + e.getMessage() + ")");
    }
    lock.lock();
    try {
      hold(owner, new HostRecord.Held(cidr, null, Instant.now()));
      record.save();
    } finally {
      lock.unlock();
    }
    return true;
  }

  /** Asks a host that can be reached for blocks; fails with a clear error when none can give. */
  private void askForSpace() {
    lock.lock();
    boolean inFleet;
    try {
      inFleet = record.fleet().isPresent();
    } finally {
      lock.unlock();
    }
    if (!inFleet) {
      throw new WeftException(ErrorCode.OWNER_UNREACHABLE, "this host has no address space yet: it "
          + "has not reached a fleet to take blocks from (see weft peers)");
    }
    List<String> donors = directory.byBlocksOwned().stream()
        .filter(d -> !d.equals(host)).toList();
    List<String> reachable = donors.stream().filter(isLive).toList();
    for (String donor : reachable) {
      Map<Integer, Integer> gift;
      try {
        gift = remote.askForSpace(donor, host);
      } catch (WeftException e) {
        LOG.info(donor + " gave no space: " + e.getMessage());
        continue;
      }
      if (gift.isEmpty()) {
        continue;
      }
      lock.lock();
      try {
        gift.forEach((index, version) -> record.blocks(record.blocks().adopt(index, version)));
        record.save();
        publishEntry();
      } finally {
        lock.unlock();
      }
      LOG.info("took " + gift.size() + " blocks from " + donor);
      return;
    }
    if (reachable.size() < donors.size()) {
      throw new WeftException(ErrorCode.OWNER_UNREACHABLE, "no free address is left in this host's "
          + "blocks, and no host that could give one can be reached now (not reachable: "
          + String.join(", ", donors.stream().filter(isLive.negate()).toList()) + ")");
    }
    throw new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + layout.range());
  }

  private Set<Ipv4> taken() {
    Set<Ipv4> taken = new HashSet<>(record.ledger().keySet());
    record.allHeld().forEach(c -> taken.add(c.address()));
    for (Holding h : holdings.all()) {
      taken.add(h.cidr().address());
    }
    return taken;
  }

  private Set<Integer> blocksInUse() {
    Set<Integer> inUse = new HashSet<>();
    taken().forEach(ip -> layout.indexOf(ip).ifPresent(inUse::add));
    return inUse;
  }

  private boolean ownsBlockOf(Ipv4 ip) {
    OptionalInt index = layout.indexOf(ip);
    return index.isPresent() && record.blocks().owns(index.getAsInt());
  }

  private Optional<String> ownerOf(Ipv4 ip) {
    OptionalInt index = layout.indexOf(ip);
    if (index.isEmpty()) {
      return Optional.empty();
    }
    if (record.blocks().owns(index.getAsInt())) {
      return Optional.of(host);
    }
    return directory.ownerOf(index.getAsInt()).map(BlockDirectory.BlockOwner::host);
  }

  /** Block owners as the other hosts' entries and this host's own record tell them. */
  private Map<Integer, BlockDirectory.BlockOwner> owners(Map<String, BlockDirectory.Entry> entries) {
    List<BlockDirectory.Entry> others = new ArrayList<>();
    entries.values().forEach(e -> {
      if (!e.host().equals(host)) {
        others.add(e);
      }
    });
    others.add(new BlockDirectory.Entry(host, record.fleet().orElse(null), layout.range(), record.blocks(), null));
    return BlockDirectory.owners(others);
  }

  private boolean sameFleet(Map<String, BlockDirectory.Entry> entries, String other) {
    if (other.equals(host)) {
      return true;
    }
    BlockDirectory.Entry entry = entries.get(other);
    return entry == null || entry.fleet() == null || entry.fleet().equals(record.fleet().orElse(null));
  }

  /**
   * The fleet whose address space this host belongs in when fleets founded apart meet: the one
   * with the most hosts now (this host counting for its own), then the older. Hosts of another
   * range are of another fleet, whatever they say.
   */
  private Optional<FleetId> preferredFleet(Map<String, BlockDirectory.Entry> entries) {
    Map<FleetId, Integer> hosts = new java.util.HashMap<>();
    for (BlockDirectory.Entry e : entries.values()) {
      if (!e.host().equals(host) && !e.removed() && e.fleet() != null && layout.range().equals(e.range())
          && isLive.test(e.host())) {
        hosts.merge(e.fleet(), 1, Integer::sum);
      }
    }
    record.fleet().ifPresent(mine -> hosts.merge(mine, 1, Integer::sum));
    return hosts.entrySet().stream()
        .max(Comparator.<Map.Entry<FleetId, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(Map.Entry::getKey, (a, b) -> a.isOlderThan(b) ? 1 : b.isOlderThan(a) ? -1 : 0))
        .map(Map.Entry::getKey);
  }

  private void hold(Owner owner, HostRecord.Held held) {
    // held again (Docker hands its network's addresses out again under one owner): not stale
    removed.remove(host + "|" + owner.container() + "|" + held.cidr().address());
    record.hold(owner.container(), held);
    holdings.put(new Holding(held.cidr(), host, owner.container(), held.since(), held.mac()));
  }

  private void publishEntry() {
    directory.publish(host, record.fleet().orElse(null), layout.range(), record.blocks());
  }

  private void requireOwn(Owner owner) {
    if (!owner.host().equals(host)) {
      throw new IllegalArgumentException(owner + " is not on this host, " + host);
    }
  }

  private static WeftException inUse(Ipv4 ip, Owner holder, Owner wanted) {
    return new WeftException(ErrorCode.ADDRESS_IN_USE, ip + " is held by " + holder + "; not given to " + wanted);
  }

  private static WeftException unreachable(Cidr cidr, String why) {
    return new WeftException(ErrorCode.OWNER_UNREACHABLE, cidr.address() + " is not given: " + why
        + "; nothing was claimed (try again once it is back, or give an address of this host's own blocks)");
  }

  private static String holder(Holding h) {
    return new Owner(h.host(), h.container()).toString();
  }
}
