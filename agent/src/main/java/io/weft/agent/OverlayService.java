package io.weft.agent;

import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.overlay.Overlay;
import java.util.concurrent.ExecutorService;

/**
 * The overlay on this host: the bridge and the VXLAN device made, their forwarding entries kept
 * in step with the fleet ({@link OverlayFollower}) and compared with the kernel's now and then,
 * and the overlay's health checked and reported, on a thread of its own because netlink calls
 * block.
 */
final class OverlayService implements Service {

  private final Fleet fleet;
  private final Netlink host;
  private final ExecutorService thread = AgentThreads.single("weft-overlay");
  private Overlay overlay;
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
    overlay = new Overlay(host, NfTables.open(), fleet.underlay());
    vtep = thread.submit(overlay::start).get();
    PeerRegistry registry = fleet.registry();
    follower = new OverlayFollower(overlay::follow, thread, registry::isLive);
    registry.watchDepartures(follower::memberLeft);
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
