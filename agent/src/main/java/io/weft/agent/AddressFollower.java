package io.weft.agent;

import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.BlockDirectory;
import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.alloc.FleetHoldings;
import io.weft.agent.alloc.Owner;
import io.weft.agent.command.HostCommands;
import io.weft.common.WeftException;
import io.weft.common.alloc.Conflicts;
import io.weft.common.alloc.Holding;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.common.command.Attach;
import io.weft.common.command.Detach;
import io.weft.common.command.Expose;
import io.weft.common.command.Hide;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Keeps this host's part of the address record in step with the fleet, on a thread of its own:
 * founds or joins the fleet's address space, takes the blocks given to it and gives up those
 * taken from it, enters again what it holds after a split heals, sends the releases it owes once
 * their hosts are back, and finds addresses held twice: every host reports them, and the host of
 * each holder the rule puts second gives its address up for a new one of its own blocks.
 */
final class AddressFollower {

  private static final Logger LOG = Logger.getLogger(AddressFollower.class.getName());

  private final FleetAddressBook book;
  private final HostCommands commands;
  private final ClusterView cluster;
  private final boolean mayFoundAlone;
  private final Consumer<String> forgetHost;
  private final FleetEvents events;
  private final CoalescingTask follow;
  private final CoalescingTask membership;
  private final CoalescingTask conflicts;
  private final CoalescingTask republish;
  private final CoalescingTask stale;
  private final CoalescingTask room;
  private final List<Owner> toClaimAgain = new ArrayList<>();
  private final Set<Ipv4> reported = new HashSet<>();

  /**
   * @param mayFoundAlone whether this host, alone in its cluster, may found a fleet: it was given no peer
   * @param forgetHost told of each host removed from the fleet with rmpeer, so it is not looked for
   * @param events told of each conflict this host resolves
   */
  AddressFollower(FleetAddressBook book, HostCommands commands, ClusterView cluster, boolean mayFoundAlone,
      Consumer<String> forgetHost, FleetEvents events, Executor thread) {
    this.book = book;
    this.events = events;
    this.commands = commands;
    this.cluster = cluster;
    this.mayFoundAlone = mayFoundAlone;
    this.forgetHost = forgetHost;
    this.follow = new CoalescingTask(thread, this::follow);
    this.membership = new CoalescingTask(thread, this::membershipChanged);
    this.conflicts = new CoalescingTask(thread, this::resolveConflicts);
    this.republish = new CoalescingTask(thread, this::republishNow);
    this.stale = new CoalescingTask(thread, book::dropStaleEntries);
    this.room = new CoalescingTask(thread, book::topUp);
  }

  /**
   * Looks again at the maps as they are now: a replicated map filled again after a merge tells
   * no listener of the entries that came back, so the agent also asks now and then.
   */
  void refresh() {
    follow.request();
    conflicts.request();
    stale.request();
  }

  /**
   * Enters this host's entries again, soon: a member that joins, or a side of a split that merges
   * in, fills its copies of the replicated maps only slowly, and the side that merged comes back
   * with what the other side had, so its own stale entries go too.
   */
  void republish() {
    republish.request();
  }

  /**
   * Starts following; the first round runs now, on the caller's thread. Joins and merges come
   * through {@link #republish}, which the agent's republishing calls.
   */
  void start() {
    cluster.onMapChange(BlockDirectory.MAP, follow::request);
    cluster.onMapChange(FleetHoldings.MAP, conflicts::request);
    cluster.onChange(membership::request);
    // a host takes room while it reaches hosts that can give it, not when it needs it (it may be
    // cut off then): its first block as it joins, the next when an allocation finds little left
    book.onLowRoom(room::request);
    book.foundOrJoin(cluster.isOldest(), mayFoundAlone, cluster.size());
    follow();
    book.publish();
    conflicts.request();
    room.request();
  }

  private void follow() {
    book.removedHosts().forEach(forgetHost);
    if (book.blocksOwned() == 0 && book.foundOrJoin(cluster.isOldest(), mayFoundAlone, cluster.size())) {
      room.request(); // the fleet's directory reached this host after it joined: its first block now
    }
    List<Owner> owners = book.follow();
    synchronized (toClaimAgain) {
      toClaimAgain.addAll(owners);
    }
    claimAgain();
  }

  private void membershipChanged() {
    book.foundOrJoin(cluster.isOldest(), mayFoundAlone, cluster.size());
    book.sendPendingReleases();
    follow();
    conflicts.request();
    room.request();
  }

  private void republishNow() {
    book.publish();
    follow();
    conflicts.request();
  }

  private void claimAgain() {
    List<Owner> owners;
    synchronized (toClaimAgain) {
      owners = List.copyOf(toClaimAgain);
      toClaimAgain.clear();
    }
    for (Owner owner : owners) {
      List<Cidr> unreached = new ArrayList<>();
      for (Cidr refused : book.claimAgain(owner, unreached)) {
        LOG.warning(refused + " of " + owner + " is held in the fleet it joined; giving it up");
        giveUp(new Holding(refused, owner.host(), owner.container(), null, null));
      }
      if (!unreached.isEmpty()) {
        synchronized (toClaimAgain) {
          toClaimAgain.add(owner); // its blocks' owners are away: again at the next change
        }
      }
    }
  }

  private void resolveConflicts() {
    List<Holding> all = book.holdings().all();
    List<Holding> stale = FleetHoldings.stale(all);
    for (Holding h : stale) {
      // any host that sees one takes it away: its own host's copy may not have it to remove
      LOG.warning("dropped a stale entry of the fleet's record: " + h.cidr().address() + " of "
          + describe(h) + " since " + h.since() + ", which its host now holds for another");
      book.holdings().removeKey(h.key());
    }
    all.removeAll(stale);
    List<Conflicts.Conflict> found = Conflicts.find(all);
    Set<Ipv4> now = new HashSet<>();
    for (Conflicts.Conflict c : found) {
      now.add(c.address());
      boolean first = reported.add(c.address());
      if (first) {
        LOG.warning("address conflict: " + c.address() + " is held by " + describe(c.keeper()) + " and by "
            + String.join(", ", c.losers().stream().map(AddressFollower::describe).toList())
            + "; " + describe(c.keeper()) + " keeps it, the others are given new addresses");
      }
      for (Holding loser : c.losers()) {
        if (!loser.host().equals(book.host())) {
          continue;
        }
        if (loser.container().equals(Owner.DOCKER_NETWORKS)) {
          if (first) { // Docker chose the container's address and alone can change it
            LOG.warning(loser.cidr() + " of a Docker network's container here is held twice: "
                + "disconnect it and connect it again (docker network disconnect, connect)");
          }
          continue;
        }
        List<Cidr> renumbered = giveUp(loser);
        events.publish(FleetEvent.conflict(book.host(), loser.cidr(), holder(c.keeper()),
            holder(loser), renumbered));
      }
    }
    reported.retainAll(now);
  }

  /**
   * Takes the address from its holder here and, when that leaves it none, gives it a new one.
   * Returns the new addresses (none when the holder kept others, or is not running).
   */
  private List<Cidr> giveUp(Holding lost) {
    try {
      if (lost.container().equals(Owner.EXPOSED)) {
        commands.execute(new Hide(List.of(lost.cidr())));
        return ((Expose.Reply) commands.execute(new Expose(List.of()))).added();
      }
      Detach.Reply detached = (Detach.Reply) commands.execute(new Detach(List.of(lost.cidr()), lost.container()));
      if (detached.container().addresses().isEmpty()) {
        Attach.Reply attached = (Attach.Reply) commands.execute(new Attach(List.of(), lost.container()));
        LOG.warning("gave " + describe(lost) + " the new address " + attached.added() + " for " + lost.cidr());
        return attached.added();
      }
    } catch (WeftException e) {
      // not running (or gone): it only holds it in the record, which forgets it now
      book.release(List.of(lost.cidr()), new Owner(lost.host(), lost.container()));
      LOG.warning("gave up " + lost.cidr() + " of " + describe(lost) + " (" + e.getMessage() + ")");
    }
    return List.of();
  }

  private static JsonObject holder(Holding h) {
    return new JsonObject().put("host", h.host()).put("container", h.container());
  }

  private static String describe(Holding h) {
    return new Owner(h.host(), h.container()).toString();
  }
}
