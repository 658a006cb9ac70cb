package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.OwnedBlocks;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rules by which histories lived apart meet, on one host's book with the directory written by hand. */
class FleetMergeTest {

  private static final FleetId OLDER = new FleetId(Instant.parse("2026-11-01T00:00:00Z"), "old");
  private static final FleetId YOUNGER = new FleetId(Instant.parse("2026-12-03T00:00:00Z"), "new");

  private FleetMerge merge(OneBook book) {
    return new FleetMerge(book.state, book.publication);
  }

  @Test
  void theOldestMemberFoundsAFleetOnlyWhenItMay() {
    OneBook alone = new OneBook("host1");
    assertFalse(merge(alone).foundOrJoin(true, false, 1), "launched with peers, alone: waits for them");
    assertFalse(merge(alone).foundOrJoin(false, true, 2), "not the oldest");
    assertTrue(merge(alone).foundOrJoin(true, false, 2), "the oldest of two");
    assertEquals(16, alone.record.blocks().owned().size());
    assertTrue(alone.blocks.containsKey("host1"));
  }

  @Test
  void aHostWithoutAFleetJoinsTheOneItSeesAndOwnsNothingYet() {
    OneBook joiner = new OneBook("host2");
    joiner.other("host1", OLDER, 1, 0, 1, 2);
    joiner.live.add("host1");
    assertTrue(merge(joiner).foundOrJoin(true, true, 1));
    assertEquals(Optional.of(OLDER), joiner.record.fleet());
    assertTrue(joiner.record.blocks().owned().isEmpty());
  }

  @Test
  void blocksGivenToThisHostAreTakenAtTheGiftsVersionOnceAndTold() {
    OneBook book = new OneBook("host2").owning();
    TreeMap<Integer, OwnedBlocks.Gift> gifts = new TreeMap<>(Map.of(3, new OwnedBlocks.Gift("host2", 2)));
    book.state.directory.publish("host1", OneBook.FLEET, OneBook.RANGE,
        new OwnedBlocks(new TreeMap<>(Map.of(0, 1)), gifts));
    assertEquals(List.of(), merge(book).follow());
    assertEquals(Map.of(3, 2), book.record.blocks().owned());
    merge(book).follow();
    assertEquals(List.of("blocks-taken"), book.events, "taken once");
  }

  @Test
  void aBlockAnotherHostOwnsAtAHigherVersionIsGivenUpAndALowerClaimIgnored() {
    OneBook book = new OneBook("host1").owning(0, 5, 6);
    book.other("host3", OneBook.FLEET, 2, 5); // took block 5 by rmpeer of host1 while it was away
    book.other("host4", OneBook.FLEET, 1, 6); // an old claim, outranked by host1's
    merge(book).follow();
    assertEquals(Map.of(0, 1, 6, 1), book.record.blocks().owned());
    assertEquals(new OwnedBlocks.Gift("host3", 2), book.record.blocks().given().get(5));
  }

  @Test
  void theSmallerOfTwoFleetsGivesUpItsBlocksAndClaimsItsAddressesAgain() {
    OneBook book = new OneBook("host3").owning(0, 1);
    book.record.joinFleet(YOUNGER);
    book.record.hold("web", new HostRecord.Held(io.weft.common.net.Cidr.parse("10.40.0.1/24"), null, Instant.now()));
    book.record.ledger().put(Ipv4.parse("10.40.0.1"), new Owner("host3", "web"));
    book.other("host1", OLDER, 1, 0, 1, 2);
    book.other("host2", OLDER, 1, 3);
    book.live.addAll(List.of("host1", "host2"));
    List<Owner> again = merge(book).follow();
    assertEquals(List.of(new Owner("host3", "web")), again);
    assertEquals(Optional.of(OLDER), book.record.fleet());
    assertTrue(book.record.blocks().owned().isEmpty());
    assertTrue(book.record.ledger().isEmpty());
  }

  @Test
  void ofTwoFleetsAsLargeTheOlderWins() {
    OneBook older = new OneBook("host1").owning(0);
    older.record.joinFleet(OLDER);
    older.other("host2", YOUNGER, 1, 0);
    older.live.add("host2");
    assertEquals(List.of(), merge(older).follow());
    assertEquals(Optional.of(OLDER), older.record.fleet());

    OneBook younger = new OneBook("host2").owning(0);
    younger.record.joinFleet(YOUNGER);
    younger.other("host1", OLDER, 1, 0);
    younger.live.add("host1");
    merge(younger).follow();
    assertEquals(Optional.of(OLDER), younger.record.fleet());
  }

  @Test
  void aFleetOfHostsThatAreAwayOrOfAnotherRangeDoesNotCount() {
    OneBook book = new OneBook("host3").owning(0);
    book.record.joinFleet(YOUNGER);
    book.other("host1", OLDER, 1, 0); // away: not live
    book.state.directory.publish("host2", OLDER, io.weft.common.alloc.AddressRange.parse("10.99.0.0/24"),
        OwnedBlocks.NONE);
    book.live.add("host2");
    merge(book).follow();
    assertEquals(Optional.of(YOUNGER), book.record.fleet());
  }

  @Test
  void aHostRemovedWhileAwayGivesUpEverythingItOwnedWhenItComesBack() {
    OneBook book = new OneBook("host2").owning(4, 5);
    book.record.ledger().put(Ipv4.parse("10.40.0.65"), new Owner("host2", "web"));
    book.state.directory.tombstone("host2", "host1");
    merge(book).follow();
    assertTrue(book.record.blocks().owned().isEmpty());
    assertTrue(book.record.ledger().isEmpty());
  }
}
