package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.Holding;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerRemovalTest {

  private final OneBook book = new OneBook("host1").owning(0);
  private final PeerRemoval removal = new PeerRemoval(book.state, book.publication);

  @Test
  void aDeadHostsBlocksAreTakenAtAHigherVersionWithWhatOthersHoldInThem() {
    book.other("host2", OneBook.FLEET, 3, 5, 6);
    FleetHoldings holdings = new FleetHoldings(book.addresses);
    holdings.put(new Holding(Cidr.parse("10.40.0.81/24"), "host3", "db", Instant.now(), null));
    holdings.put(new Holding(Cidr.parse("10.40.0.82/24"), "host2", "its-own", Instant.now(), null));
    AddressBook.RemovedPeer removed = removal.remove("host2");
    assertEquals(new AddressBook.RemovedPeer("host2", 2, 1), removed);
    assertEquals(Map.of(0, 1, 5, 4, 6, 4), book.record.blocks().owned());
    assertEquals(new Owner("host3", "db"), book.record.ledger().get(Ipv4.parse("10.40.0.81")));
    assertTrue(book.addresses.keySet().stream().noneMatch(k -> k.startsWith("host2|")));
    assertEquals(List.of("host2"), removal.removed());
    assertEquals(List.of("blocks-taken"), book.events);
  }

  @Test
  void aLiveHostThisHostAndAStrangerAreRefused() {
    book.other("host2", OneBook.FLEET, 1, 5);
    book.live.add("host2");
    assertEquals(ErrorCode.HOST_ALIVE, assertThrows(WeftException.class, () -> removal.remove("host2")).code());
    assertEquals(ErrorCode.BAD_REQUEST, assertThrows(WeftException.class, () -> removal.remove("host1")).code());
    assertEquals(ErrorCode.NO_SUCH_HOST, assertThrows(WeftException.class, () -> removal.remove("host9")).code());
    assertEquals(Map.of(0, 1), book.record.blocks().owned(), "nothing taken");
  }

  @Test
  void aHostRemovedOnceIsNoLongerThereToRemove() {
    book.other("host2", OneBook.FLEET, 1, 5);
    removal.remove("host2");
    assertEquals(ErrorCode.NO_SUCH_HOST, assertThrows(WeftException.class, () -> removal.remove("host2")).code());
  }
}
