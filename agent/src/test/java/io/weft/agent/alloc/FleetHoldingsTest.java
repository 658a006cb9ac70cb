package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.common.alloc.Holding;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class FleetHoldingsTest {

  private static final Cidr A = Cidr.parse("10.32.0.9/12");
  private final Map<String, String> map = new ConcurrentHashMap<>();
  private final FleetHoldings holdings = new FleetHoldings(map);

  private Holding held(String host, String container, String since, String mac) {
    Holding h = new Holding(A, host, container, Instant.parse(since), mac);
    holdings.put(h);
    return h;
  }

  @Test
  void anAddressHeldForTwoContainersOfOneHostIsTheNewestsAndTheOtherIsStale() {
    Holding gone = held("host3", "c1", "2026-12-06T01:00:00Z", "02:00:00:00:00:01");
    Holding now = held("host3", "c9", "2026-12-06T02:00:00Z", "02:00:00:00:00:09");
    assertEquals(List.of(gone), FleetHoldings.stale(holdings.all()));
    assertEquals(List.of(now), holdings.current());
    assertEquals(List.of(new Endpoint(Ipv4.parse("10.32.0.9"), "host3", "02:00:00:00:00:09")),
        holdings.endpoints(), "the overlay sends to the container that holds it now");
  }

  @Test
  void anAddressHeldOnTwoHostsIsAConflictNotStaleAndItsKeeperIsTheOlder() {
    held("host1", "web", "2026-12-06T01:00:00Z", "02:00:00:00:00:01");
    held("host3", "db", "2026-12-06T02:00:00Z", "02:00:00:00:00:02");
    assertEquals(List.of(), FleetHoldings.stale(holdings.all()));
    assertEquals(List.of(new Endpoint(Ipv4.parse("10.32.0.9"), "host1", "02:00:00:00:00:01")),
        holdings.endpoints());
  }
}
