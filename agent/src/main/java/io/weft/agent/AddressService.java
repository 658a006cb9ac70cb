package io.weft.agent;

import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.alloc.FleetHoldings;
import java.util.concurrent.ExecutorService;

/**
 * This host's part of the fleet's address record kept in step with the fleet ({@link
 * AddressFollower}, on a thread of its own), and the overlay told of the addresses every host
 * holds: a burst of attaches elsewhere becomes a few reads of the record, not one per address.
 */
final class AddressService implements Service {

  private final Fleet fleet;
  private final OverlayFollower overlay;
  private final ExecutorService thread = AgentThreads.single("weft-addresses");

  AddressService(Fleet fleet, OverlayFollower overlay) {
    this.fleet = fleet;
    this.overlay = overlay;
  }

  @Override
  public String name() {
    return "addresses";
  }

  @Override
  public void start() throws Exception {
    FleetAddressBook book = fleet.services().book();
    AddressFollower addresses = new AddressFollower(book, fleet.services().commands(), fleet.cluster(),
        fleet.founding(), fleet.candidates()::forgetHost, fleet.events(), thread);
    thread.submit(addresses::start).get();
    fleet.republishing().add(addresses::republish);
    CoalescingTask readEndpoints = new CoalescingTask(fleet.worker(),
        () -> overlay.endpointsRead(book.holdings().endpoints()));
    fleet.cluster().onMapChange(FleetHoldings.MAP, readEndpoints::request);
    readEndpoints.request();
    fleet.schedule().every(AgentPeriods.REFRESH, fleet.settling().gate(AgentPeriods.REFRESH_AT_REST, () -> {
      readEndpoints.request();
      addresses.refresh();
    }));
  }

  @Override
  public void stop() {
    thread.shutdownNow();
  }
}
