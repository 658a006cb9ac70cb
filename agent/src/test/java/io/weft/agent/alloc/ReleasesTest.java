package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleasesTest {

  private final OneBook book = new OneBook("host1").owning(0);
  private final Releases releases = new Releases(book.state, book.publication, book.remote);
  private final Owner web = new Owner("host1", "web");

  private void held(String cidr) {
    Cidr c = Cidr.parse(cidr);
    book.state.locked(() -> book.publication.hold(web, new HostRecord.Held(c, null, Instant.now())));
    if (book.state.ownsBlockOf(c.address())) {
      book.record.ledger().put(c.address(), web);
    }
  }

  @Test
  void anAddressOfItsOwnBlockIsFreeAtOnce() {
    held("10.40.0.1/24");
    releases.release(List.of(Cidr.parse("10.40.0.1/24")), web);
    assertTrue(book.record.ledger().isEmpty());
    assertTrue(book.record.holdings().isEmpty());
    assertFalse(book.addresses.containsKey("host1|web|10.40.0.1"));
  }

  @Test
  void anAddressOfABlockOfAHostAwayIsOwedUntilItIsBack() {
    book.other("host2", OneBook.FLEET, 1, 5);
    held("10.40.0.81/24");
    releases.release(List.of(Cidr.parse("10.40.0.81/24")), web);
    assertEquals(1, book.record.pending().size(), "owed");
    assertEquals(List.of(), book.remote.calls, "host2 is away: not even asked");
    book.live.add("host2");
    book.remote.answering.put("host2", new AllocationTest.Answering(Map.of()));
    releases.sendPending();
    assertEquals(List.of("release 10.40.0.81 to host2"), book.remote.calls);
    assertTrue(book.record.pending().isEmpty());
  }

  @Test
  void aReleaseTheOwnerDidNotTakeStaysOwed() {
    book.other("host2", OneBook.FLEET, 1, 5);
    held("10.40.0.81/24");
    book.live.add("host2"); // a member, but it does not answer
    releases.release(List.of(Cidr.parse("10.40.0.81/24")), web);
    assertEquals(List.of("release 10.40.0.81 to host2"), book.remote.calls);
    assertEquals(1, book.record.pending().size());
  }

  @Test
  void anotherHostGivesBackAnAddressOfThisHostsBlockOnlyWhereItHoldsIt() {
    book.record.ledger().put(Ipv4.parse("10.40.0.9"), new Owner("host2", "db"));
    releases.releaseFor(Ipv4.parse("10.40.0.9"), new Owner("host3", "x"));
    assertEquals(new Owner("host2", "db"), book.record.ledger().get(Ipv4.parse("10.40.0.9")));
    releases.releaseFor(Ipv4.parse("10.40.0.9"), new Owner("host2", "db"));
    assertTrue(book.record.ledger().isEmpty());
  }

  @Test
  void anAddressNotHeldIsNoRelease() {
    releases.release(List.of(Cidr.parse("10.40.0.5/24")), web);
    assertTrue(book.record.pending().isEmpty());
    assertEquals(List.of(), book.remote.calls);
  }
}
