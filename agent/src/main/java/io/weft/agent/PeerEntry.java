package io.weft.agent;

import io.weft.agent.cluster.PeerRecord;
import io.weft.common.WeftVersion;
import io.weft.common.bus.FleetEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * This host in the fleet's peer map, once its overlay is up: the other hosts make their tunnels
 * to it from this entry. The fleet is told it joined; when the agent stops, that it left, and
 * the entry goes.
 */
final class PeerEntry implements Service {

  private static final long LEAVE_BOUND_SECONDS = 3;

  private final Fleet fleet;
  private final OverlayService overlay;

  PeerEntry(Fleet fleet, OverlayService overlay) {
    this.fleet = fleet;
    this.overlay = overlay;
  }

  @Override
  public String name() {
    return "peer entry";
  }

  @Override
  public void start() throws Exception {
    String health = overlay.health();
    String address = fleet.options().advertise().toString();
    PeerRecord record = new PeerRecord(fleet.host(), address, fleet.underlay().address().subnet().toString(),
        overlay.vtep(), WeftVersion.get(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), health, null);
    fleet.worker().submit(() -> fleet.registry().register(record)).get();
    fleet.events().publish(FleetEvent.peerJoined(fleet.host(), address));
  }

  @Override
  public void stop() {
    fleet.events().publish(FleetEvent.peerLeft(fleet.host()));
    try {
      fleet.worker().submit(fleet.registry()::deregister).get(LEAVE_BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      fleet.log().say("could not take this host out of the peer map: " + e);
    }
  }
}
