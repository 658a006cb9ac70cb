package io.weft.agent;

import io.weft.agent.cluster.CutOffWitness;
import io.weft.agent.wire.WireMap;
import io.weft.agent.wire.WireRecord;
import io.weft.agent.wire.WireSaying;
import io.weft.agent.wire.WireService;
import io.weft.common.bus.BusAddresses;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * This host in the fleet's wire map once its data plane is up, and the fleet's wire entries
 * followed: what WireGuard needs to reach each host, and whom each host hears. The device's
 * counters are read a few times a second ({@link AgentPeriods#WIRE_POLL}); a cut path shows there
 * first. On {@code weft stop} alone the entry goes, so the other hosts drop this one at once; any
 * other stop leaves the data plane to carry on without the agent.
 */
final class WireEntry implements Service {

  private static final Logger LOG = Logger.getLogger(WireEntry.class.getName());

  private final Fleet fleet;
  private final OverlayService overlay;
  private final ExecutorService checks = AgentThreads.single("weft-cut-off-checks");

  WireEntry(Fleet fleet, OverlayService overlay) {
    this.fleet = fleet;
    this.overlay = overlay;
  }

  @Override
  public String name() {
    return "wire entry";
  }

  @Override
  public void start() throws Exception {
    WireService wire = overlay.wire();
    WireMap map = overlay.wireMap();
    ExecutorService worker = fleet.worker();
    worker.submit(() -> map.put(wire.own())).get();
    map.watch(() -> worker.execute(() -> overlay.follower().wiresRead(map.snapshot())));
    fleet.node().vertx().eventBus().<String>consumer(BusAddresses.WIRE, message -> {
      try {
        WireSaying saying = WireSaying.parse(String.valueOf(message.body()));
        WireRecord said = saying.entry();
        if (!said.name().equals(fleet.host())) {
          wire.wordFrom(said.name(), saying.again());
          // not on the worker: a map write there may be waiting on the very host that is cut off
          overlay.follower().wireSaid(said);
        }
      } catch (IllegalArgumentException malformed) {
        LOG.fine("a wire entry on the bus that does not read: " + malformed.getMessage());
      }
    });
    worker.submit(() -> overlay.follower().wiresRead(map.snapshot())).get();
    CutOffWitness witness = fleet.node().witness(checks);
    wire.onQuiet((host, member, others) -> {
      try {
        witness.consider(host, UUID.fromString(member), others);
      } catch (IllegalArgumentException notAnId) {
        LOG.fine("a wire entry of " + host + " names no member id: " + member);
      }
    });
    CoalescingTask hearing = new CoalescingTask(overlay.thread(), wire::poll);
    fleet.schedule().every(AgentPeriods.WIRE_POLL, hearing::request);
    fleet.republishing().add(() -> worker.execute(() -> map.put(wire.own())));
    // said again and again, changed or not: a host whose word stops coming is told apart (wire.Silence)
    SayingPace pace = new SayingPace(AgentPeriods.WIRE_SAY, AgentPeriods.WIRE_SAY_AT_REST, System::nanoTime);
    fleet.schedule().every(AgentPeriods.WIRE_SAY, () -> {
      Duration again = pace.due(fleet.settling().settling() || !wire.atRest());
      if (again != null) {
        fleet.node().vertx().eventBus().publish(BusAddresses.WIRE, new WireSaying(wire.own(), again).encode());
      }
    });
  }

  @Override
  public void stop() {
    checks.shutdownNow();
    WireStart.leaveIfAsked(overlay.wire(), overlay.wireMap(), fleet.options(), overlay.vtep(),
        fleet.worker(), overlay.thread());
  }
}
