package io.weft.agent;

import io.weft.agent.cluster.JoinCandidates;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.cluster.PeerView;
import io.weft.agent.hazelcast.ReplicaSync;
import io.weft.common.bus.FleetEvent;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The fleet's peers followed: the overlay, the peer table in the state volume ({@code weft
 * peers}) and the join candidates kept in step with the peer map; the connect file read for
 * what {@code weft connect} and {@code forget} changed; a dead peer told of by one host alone.
 */
final class PeerService implements Service {

  private final Fleet fleet;
  private final OverlayFollower overlay;

  PeerService(Fleet fleet, OverlayFollower overlay) {
    this.fleet = fleet;
    this.overlay = overlay;
  }

  @Override
  public String name() {
    return "peers";
  }

  @Override
  public void start() {
    PeerRegistry registry = fleet.registry();
    JoinCandidates candidates = fleet.candidates();
    ExecutorService worker = fleet.worker();
    PeerView view = new PeerView(fleet.options().stateDir(), fleet.host());
    candidates.follow(fleet.node().hazelcast(), fleet.node()::setJoinCandidates, worker);
    registry.watch(() -> {
      List<PeerRecord> peers = registry.snapshot();
      overlay.peersRead(peers);
      view.write(registry.withoutDeparted(peers));
      candidates.peersChanged(peers);
    });
    // a member that left is out of the table at once, not when its entry leaves the map: that
    // waits on the map's partitions, and the worker with it (seconds, when the member owned some).
    // Written where the departure is told, a file of a few hundred bytes from the map's local
    // copy: handed to the timer, it waited behind whatever periodic task ran there (a
    // reconciliation's Docker calls, on a busy host tenths of a second).
    registry.watchDepartures(() -> view.write(registry.withoutDeparted(registry.snapshot())));
    // every member sees a death; the oldest alone reports it
    registry.watchDeaths(dead -> {
      if (fleet.cluster().isOldest()) {
        fleet.events().publish(FleetEvent.peerDead(dead.name(), fleet.host()));
      }
    });
    fleet.schedule().every(AgentPeriods.CONNECT_POLL, () -> worker.execute(candidates::pollConnectFile));
    fleet.schedule().every(AgentPeriods.REFRESH,
        fleet.settling().gate(AgentPeriods.REFRESH_AT_REST, registry::refresh));
    fleet.republishing().add(() -> worker.execute(candidates::republish));
    fleet.republishing().add(() -> worker.execute(registry::republish));
    // each round: a copy with holes is filled now, not at Hazelcast's own next round
    fleet.republishing().add(() -> worker.execute(() ->
        ReplicaSync.now(fleet.node().hazelcast().getReplicatedMap(PeerRegistry.MAP))));
  }
}
