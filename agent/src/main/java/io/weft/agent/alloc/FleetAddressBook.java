package io.weft.agent.alloc;

import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.BlockLayout;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.Holding;
import io.weft.common.bus.FleetEvents;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet's address record as one host keeps its part of it, so that no address is ever handed
 * out twice, a split fleet included. The range is cut into blocks; every block has one owner,
 * and only the owner hands out its addresses. The fleet's founder owns every block at first.
 *
 * <p>The book is its parts, each with one idea: {@link Allocation} (addresses for this host's
 * containers, and claims on its blocks by others), {@link Releases} (addresses given back, and
 * those owed to hosts away), {@link BlockGifts} (blocks passed between hosts), {@link FleetMerge}
 * (histories that met after a split), {@link PeerRemoval} (rmpeer), {@link Publication} (this
 * host's part in the fleet's maps), over a {@link BookState}: this host's {@link HostRecord},
 * the truth about its blocks kept in the state volume, under one lock.
 */
public final class FleetAddressBook implements AddressBook {

  private final BookState state;
  private final Publication publication;
  private final Allocation allocation;
  private final Releases releases;
  private final BlockGifts gifts;
  private final FleetMerge merge;
  private final PeerRemoval removal;

  /**
   * @param directory who owns which block, as every host tells the fleet
   * @param holdings what every container of the fleet holds, as every host tells the fleet
   * @param remote what this host asks of the owners of other blocks
   * @param isLive whether a host is a member of the cluster now, answered locally
   * @param onAllocation told of every address handed out (for metrics)
   */
  public FleetAddressBook(String host, AddressRange range, HostRecord record, BlockDirectory directory,
      FleetHoldings holdings, RemoteBlocks remote, java.util.function.Predicate<String> isLive,
      Runnable onAllocation) {
    this.state = new BookState(host, BlockLayout.of(range), record, directory, holdings, isLive);
    this.publication = new Publication(state);
    this.releases = new Releases(state, publication, remote);
    this.gifts = new BlockGifts(state, publication, remote);
    this.allocation = new Allocation(state, publication, gifts, releases, remote, onAllocation);
    this.merge = new FleetMerge(state, publication);
    this.removal = new PeerRemoval(state, publication);
  }

  /**
   * {@code rmpeer} of a host waits while {@code leaving} says its departure is still being taken
   * in (see {@link BookState#leaving}), at most {@link PeerRemoval#LEAVING_BOUND}.
   */
  public void removeOnlyOnceLeft(java.util.function.Predicate<String> leaving) {
    state.leaving = leaving;
  }

  /** Tells {@code events} of every block this host takes or gives away from now on. */
  public void tell(FleetEvents events) {
    state.tell(events);
  }

  // ---- what the command handlers ask

  @Override
  public List<Cidr> claim(List<Cidr> cidrs, Owner owner) {
    requireOwn(owner);
    return allocation.claim(cidrs, owner);
  }

  @Override
  public Cidr allocate(AddressRange range, Owner owner) {
    requireOwn(owner);
    return allocation.allocate(owner);
  }

  @Override
  public Cidr allocateWithin(Cidr subnet, Owner owner) {
    requireOwn(owner);
    return allocation.allocateWithin(subnet, owner);
  }

  @Override
  public void describe(List<Cidr> cidrs, Owner owner, String mac) {
    requireOwn(owner);
    allocation.describe(cidrs, owner, mac);
  }

  @Override
  public List<Cidr> heldBy(Owner owner) {
    return owner.host().equals(state.host) ? allocation.heldBy(owner) : List.of();
  }

  @Override
  public Optional<String> macOf(Owner owner) {
    return allocation.macOf(owner);
  }

  @Override
  public void release(List<Cidr> cidrs, Owner owner) {
    if (owner.host().equals(state.host)) {
      releases.release(cidrs, owner);
    }
  }

  @Override
  public void releaseAll(Owner owner) {
    release(heldBy(owner), owner);
  }

  @Override
  public void releaseHost(String host) {
    if (host.equals(state.host)) {
      List<String> containers = state.locked(() -> List.copyOf(state.record.holdings().keySet()));
      containers.forEach(container -> releaseAll(new Owner(host, container)));
    }
  }

  @Override
  public AddressSpace space() {
    List<String> lines = new ArrayList<>();
    for (Conflicts.Conflict c : Conflicts.find(state.holdings.current())) {
      lines.add(c.address() + " held by " + String.join(" and ", c.losers().stream()
          .map(FleetAddressBook::holder).toList()) + " too; kept by " + holder(c.keeper()));
    }
    return new AddressSpace(blocksOwned(), state.layout.count(), lines);
  }

  /** How many blocks this host owns now. */
  public int blocksOwned() {
    return state.locked(() -> state.record.blocks().owned().size());
  }

  @Override
  public RemovedPeer removePeer(String name) {
    return removal.remove(name);
  }

  // ---- what other hosts ask of this one

  /** Gives {@code to} half of this host's free blocks; the blocks, with the versions {@code to} owns them at. */
  public Map<Integer, Integer> give(String to) {
    return gifts.give(to);
  }

  /** Records {@code address} of this host's blocks as {@code holder}'s, for another host. */
  public void claimFor(Ipv4 address, Owner holder) {
    allocation.claimFor(address, holder);
  }

  /** Forgets {@code address} where {@code holder} holds it, for another host. */
  public void releaseFor(Ipv4 address, Owner holder) {
    releases.releaseFor(address, holder);
  }

  // ---- following the fleet

  /**
   * Takes more blocks now, from a host that can be reached, when this host has little room left
   * in its own (or none: it just joined), so it can allocate later cut off from every other.
   * Returns whether it took any. Makes remote calls: never on an event loop.
   */
  public boolean topUp() {
    return gifts.topUp();
  }

  /**
   * Runs {@code lowRoom}, which must only hand off, whenever an allocation leaves this host's
   * blocks with little room: its follower then calls {@link #topUp} on its own thread.
   */
  public void onLowRoom(Runnable lowRoom) {
    allocation.onLowRoom(lowRoom);
  }

  /** See {@link FleetMerge#foundOrJoin}. */
  public boolean foundOrJoin(boolean oldestMember, boolean mayFoundAlone, int members) {
    return merge.foundOrJoin(oldestMember, mayFoundAlone, members);
  }

  /**
   * Brings this host's blocks in line with what the fleet says (see {@link FleetMerge#follow});
   * returns the holders whose addresses must be claimed again from their blocks' new owners.
   */
  public List<Owner> follow() {
    return merge.follow();
  }

  /**
   * Claims again, from the owners of their blocks, the addresses {@code owner} holds: after this
   * host joined the address space of an older fleet. Returns those refused, held there by
   * another, which this host must give up; one whose owner cannot be reached now is left for the
   * next try, in {@code unreached}.
   */
  public List<Cidr> claimAgain(Owner owner, List<Cidr> unreached) {
    return allocation.claimAgain(owner, unreached);
  }

  /** Enters this host's blocks and every address it holds in the fleet's maps, and clears stale ones. */
  public void publish() {
    state.locked(publication::all);
  }

  /**
   * Removes this host's entries in its copy of the fleet's holdings that its record no longer
   * has: a copy filled again after a merge may show some the other side kept. Cheap: a look at
   * the local copy, run now and then.
   */
  public void dropStaleEntries() {
    state.locked(publication::dropStale);
  }

  /** Sends the releases this host owes to the owners of other blocks that can be reached now. */
  public void sendPendingReleases() {
    releases.sendPending();
  }

  /** The hosts removed from the fleet with rmpeer, as their tombstones tell. */
  public List<String> removedHosts() {
    return removal.removed();
  }

  /** This host's containers weft attached that hold addresses (the bridge and Docker's left out). */
  public List<String> containers() {
    return allocation.containers();
  }

  /** The holdings the fleet's record shows, for the overlay and the conflict watch. */
  public FleetHoldings holdings() {
    return state.holdings;
  }

  public String host() {
    return state.host;
  }

  private void requireOwn(Owner owner) {
    if (!owner.host().equals(state.host)) {
      throw new IllegalArgumentException(owner + " is not on this host, " + state.host);
    }
  }

  private static String holder(Holding h) {
    return new Owner(h.host(), h.container()).toString();
  }
}
