package io.weft.agent;

import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.overlay.Overlay;
import io.weft.agent.wire.WireMap;
import io.weft.agent.wire.WireService;
import io.weft.agent.wireguard.WireGuardDevice;
import io.weft.common.bus.BusAddresses;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The data plane on this host: WireGuard found or started and the bridge and the VXLAN device
 * made ({@link WireStart}), their entries kept in step with the fleet ({@link OverlayFollower},
 * through the {@link WireService}) and compared with the kernel's now and then, and the overlay's
 * health checked and reported, on a thread of its own because netlink calls block.
 */
final class OverlayService implements Service {

  private final Fleet fleet;
  private final Netlink host;
  private final ExecutorService thread = AgentThreads.single("weft-overlay");
  private Overlay overlay;
  private WireService wire;
  private WireMap wireMap;
  private OverlayFollower follower;
  private Vtep vtep;

  /** @param host the host's namespace, through rtnetlink */
  OverlayService(Fleet fleet, Netlink host) {
    this.fleet = fleet;
    this.host = host;
  }

  @Override
  public String name() {
    return "overlay";
  }

  @Override
  public void start() throws Exception {
    overlay = new Overlay(host, NfTables.open(), fleet.underlay(), WireGuardDevice.NAME, WireService.PORT);
    wireMap = new WireMap(fleet.node().hazelcast());
    wire = new WireService(host, overlay, fleet.underlay(), fleet.host(), fleet.options().stateDir(),
        () -> fleet.node().hazelcast().getCluster().getLocalMember().getUuid().toString(),
        own -> {
          fleet.worker().execute(() -> wireMap.put(own));
          // straight to every agent too: the map's write may wait on a host this one cannot reach
          fleet.node().vertx().eventBus().publish(BusAddresses.WIRE, own.toJson().encode());
        });
    vtep = thread.submit(() -> WireStart.start(wire, wireMap, fleet.options(), fleet.founding(),
        () -> fleet.cluster().size() <= 1, fleet.services().docker(), fleet.node().ports())).get();
    PeerRegistry registry = fleet.registry();
    follower = new OverlayFollower(wire::follow, thread, registry::isLive,
        () -> Set.copyOf(fleet.services().book().removedHosts()));
    registry.watchDepartures(follower::memberLeft);
    // a side of a split that merges back brings members whose peer entries did not change
    fleet.cluster().onJoin(follower::recheck);
    fleet.schedule().every(AgentPeriods.RECHECK, follower::recheck);
    OverlayHealth health = new OverlayHealth(overlay::health, this::remake,
        now -> fleet.worker().execute(() -> registry.updateHealth(now)));
    fleet.schedule().every(AgentPeriods.HEALTH_CHECK, () -> thread.execute(health::check));
  }

  @Override
  public void stop() {
    thread.shutdownNow();
  }

  /** Keeps the kernel in step with the fleet's peers and endpoints. */
  OverlayFollower follower() {
    return follower;
  }

  /** The data plane between hosts, driven on {@link #thread()} alone. */
  WireService wire() {
    return wire;
  }

  /** The fleet's wire entries. */
  WireMap wireMap() {
    return wireMap;
  }

  /** The overlay's thread, where the wire's work runs. */
  ExecutorService thread() {
    return thread;
  }

  /** This host's tunnel endpoint. */
  Vtep vtep() {
    return vtep;
  }

  /** The overlay's health now, read on its thread. */
  String health() throws Exception {
    return thread.submit(overlay::health).get();
  }

  /** Makes the overlay again after something broke it; returns its health after. */
  private String remake(String broken) {
    try {
      overlay.start();
      follower.reapply();
      fleet.log().say("the overlay was broken (" + broken + "): made it again");
      return overlay.health();
    } catch (RuntimeException e) {
      return broken;
    }
  }
}
