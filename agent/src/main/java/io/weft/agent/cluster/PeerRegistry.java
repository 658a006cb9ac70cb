package io.weft.agent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The fleet's peer map, {@value #MAP}: host name to {@link PeerRecord}, shared by every agent,
 * replicated whole to each so that either side of a split still sees its own members.
 * Each agent puts its own entry when it joins and takes it out when it leaves; when a member
 * dies instead, the survivors take its entry out, found by its member UUID.
 */
public final class PeerRegistry {

  public static final String MAP = "weft.peers";
  private static final Logger LOG = Logger.getLogger(PeerRegistry.class.getName());

  private final HazelcastInstance hazelcast;
  private final ReplicatedMap<String, String> peers;
  private final Executor worker;
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
  private final List<Runnable> departureWatchers = new CopyOnWriteArrayList<>();
  private final List<Consumer<PeerRecord>> deaths = new CopyOnWriteArrayList<>();
  private final DepartedMembers departed = new DepartedMembers();
  private volatile PeerRecord self;

  /** {@code worker} runs the map's follow-up work: never Hazelcast's own event threads. */
  public PeerRegistry(HazelcastInstance hazelcast, Executor worker) {
    this.hazelcast = hazelcast;
    this.peers = hazelcast.getReplicatedMap(MAP);
    this.worker = worker;
    peers.addEntryListener(new MapChanges<>(this::changed));
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        // A member that joins, or a side of a split that merges in, starts with an empty copy
        // of the replicated map, filled only slowly: this host's entry goes to it now.
        PeerRecord own = self;
        if (own != null) {
          worker.execute(() -> peers.put(own.name(), own.toJson().encode()));
        }
        changed();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        departed.add(event.getMember().getUuid().toString());
        departureWatchers.forEach(Runnable::run);
        worker.execute(PeerRegistry.this::removeAbsentMembers);
      }
    });
    // After a split heals, the merged side's members come back with new UUIDs: enter again.
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED && self != null) {
        worker.execute(() -> register(self));
        changed();
      }
    });
  }

  /** Enters this host (under the local member's UUID) and clears entries of absent members. */
  public void register(PeerRecord record) {
    self = record.withMember(hazelcast.getCluster().getLocalMember().getUuid().toString());
    peers.put(self.name(), self.toJson().encode());
    removeAbsentMembers();
  }

  /** Enters this host's health again when it changed; nothing before {@link #register}. */
  public void updateHealth(String health) {
    PeerRecord own = self;
    if (own != null && !health.equals(own.health())) {
      self = own.withHealth(health);
      peers.put(self.name(), self.toJson().encode());
    }
  }

  /** Takes this host's entry out, unless another agent of the same name has replaced it. */
  public void deregister() {
    PeerRecord own = self;
    if (own != null) {
      peers.remove(own.name(), own.toJson().encode());
    }
  }

  /** The peers now, by name; an entry that does not read is left out and said in the log. */
  public List<PeerRecord> snapshot() {
    List<PeerRecord> records = new ArrayList<>();
    for (Map.Entry<String, String> entry : peers.entrySet()) {
      read(entry).ifPresent(records::add);
    }
    records.sort(Comparator.comparing(PeerRecord::name));
    return records;
  }

  /**
   * {@code peers} without those whose member has left the cluster and is not in it now: the
   * map's entry of a member that died or was cut off goes only once the map's partitions have
   * moved (seconds, when the member owned some), but it is no peer from the moment it left.
   */
  public List<PeerRecord> withoutDeparted(List<PeerRecord> peers) {
    Set<String> present = presentMembers();
    // a member this side saw leave may be back with the same id: the other side of a split that
    // healed keeps its ids (only the side that merges in takes new ones)
    return peers.stream().filter(p -> present.contains(p.member()) || !departed.contains(p.member())).toList();
  }

  /** Runs {@code watcher} on the worker after every change of the map. */
  public void watch(Runnable watcher) {
    watchers.add(watcher);
  }

  /**
   * Runs {@code watcher} the moment a member leaves the cluster, on Hazelcast's event thread,
   * before the peer map is cleaned up (which waits on the map's partitions): it must be quick and
   * never wait on the cluster (reading the map's local copy, as {@link #snapshot()} does, is).
   */
  public void watchDepartures(Runnable watcher) {
    departureWatchers.add(watcher);
  }

  /**
   * Tells {@code watcher}, on the worker, of each peer whose entry this member takes out because
   * its member is gone without having taken it out itself: a host that died, or was cut off.
   */
  public void watchDeaths(Consumer<PeerRecord> watcher) {
    deaths.add(watcher);
  }

  /** Whether {@code peer}'s member is in the cluster now: asks no other member. */
  public boolean isLive(PeerRecord peer) {
    return presentMembers().contains(peer.member());
  }

  private Set<String> presentMembers() {
    return hazelcast.getCluster().getMembers().stream()
        .map(Member::getUuid).map(Object::toString).collect(Collectors.toSet());
  }

  private void removeAbsentMembers() {
    Set<String> present = presentMembers();
    for (Map.Entry<String, String> entry : peers.entrySet()) {
      Optional<PeerRecord> record = read(entry);
      if (record.isPresent() && !present.contains(record.get().member())
          && peers.remove(entry.getKey(), entry.getValue())) {
        deaths.forEach(watcher -> watcher.accept(record.get()));
      }
    }
  }

  private static Optional<PeerRecord> read(Map.Entry<String, String> entry) {
    try {
      return Optional.of(PeerRecord.fromJson(entry.getValue()));
    } catch (RuntimeException malformed) {
      LOG.warning("skipping the malformed entry of " + entry.getKey() + " in " + MAP + ": " + malformed);
      return Optional.empty();
    }
  }

  /** Enters this host's entry again, as it is: for copies of the map that lack it after a merge. */
  public void republish() {
    PeerRecord own = self;
    if (own != null) {
      peers.put(own.name(), own.toJson().encode());
    }
  }

  /**
   * Runs the watchers again with the map as it is now. A replicated map filled again after a
   * merge tells no listener of the entries that came back, so the agent also asks now and then.
   */
  public void refresh() {
    changed();
  }

  private void changed() {
    worker.execute(() -> watchers.forEach(Runnable::run));
  }
}
