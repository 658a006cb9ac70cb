package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Ipv4;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockGiftsTest {

  private final OneBook giver = new OneBook("host1").owning(0, 1, 2, 3, 4);
  private final BlockGifts gifts = new BlockGifts(giver.state, giver.publication, giver.remote);

  @Test
  void aGiftIsHalfOfTheFreeBlocksFromTheTopAtAHigherVersion() {
    giver.record.ledger().put(Ipv4.parse("10.40.0.1"), new Owner("host1", "web")); // block 0 in use
    Map<Integer, Integer> gift = gifts.give("host2");
    assertEquals(Map.of(4, 2, 3, 2), gift, "two of the four free, the highest, each at version 2");
    assertEquals(List.of(0, 1, 2), List.copyOf(giver.record.blocks().owned().keySet()));
    assertTrue(giver.blocks.get("host1").contains("host2"), "the directory shows the gift");
    assertEquals(List.of("blocks-given"), giver.events);
  }

  @Test
  void aHostWithNoFreeBlockGivesNothing() {
    OneBook full = new OneBook("host1").owning(0);
    full.record.ledger().put(Ipv4.parse("10.40.0.1"), new Owner("host1", "web"));
    assertEquals(Map.of(), new BlockGifts(full.state, full.publication, full.remote).give("host2"));
    assertEquals(List.of(), full.events);
  }

  @Test
  void aGiftTakenIsOwnedAtItsVersionAndTold() {
    OneBook taker = new OneBook("host2").owning();
    taker.other("host1", OneBook.FLEET, 1, 0, 1, 2, 3, 4);
    taker.live.add("host1");
    taker.remote.answering.put("host1", new AllocationTest.Answering(gifts.give("host2")));
    new BlockGifts(taker.state, taker.publication, taker.remote).askForSpace();
    assertEquals(Map.of(3, 2, 4, 2), taker.record.blocks().owned());
    assertTrue(taker.blocks.get("host2").contains("[3,2,2]"), taker.blocks.get("host2"));
  }

  @Test
  void aHostWithoutAFleetSaysItHasNotReachedOne() {
    OneBook alone = new OneBook("host2");
    WeftException e = assertThrows(WeftException.class,
        () -> new BlockGifts(alone.state, alone.publication, alone.remote).askForSpace());
    assertEquals(ErrorCode.OWNER_UNREACHABLE, e.code());
    assertTrue(e.getMessage().contains("has not reached a fleet"), e.getMessage());
  }

  @Test
  void whenNoOwnerOfBlocksCanBeReachedItSaysWhichAreAway() {
    OneBook cut = new OneBook("host2").owning();
    cut.other("host1", OneBook.FLEET, 1, 0, 1);
    cut.other("host3", OneBook.FLEET, 1, 2);
    cut.live.add("host3");
    cut.remote.answering.put("host3", new AllocationTest.Answering(Map.of()));
    WeftException e = assertThrows(WeftException.class,
        () -> new BlockGifts(cut.state, cut.publication, cut.remote).askForSpace());
    assertEquals(ErrorCode.OWNER_UNREACHABLE, e.code());
    assertTrue(e.getMessage().endsWith("(not reachable: host1)"), e.getMessage());
    assertEquals(List.of("ask host3"), cut.remote.calls, "the reachable one was asked");
  }

  @Test
  void whenEveryOwnerAnswersAndNoneGivesTheRangeIsFull() {
    OneBook cut = new OneBook("host2").owning();
    cut.other("host1", OneBook.FLEET, 1, 0);
    cut.live.add("host1");
    cut.remote.answering.put("host1", new AllocationTest.Answering(Map.of()));
    assertEquals(ErrorCode.RANGE_FULL, assertThrows(WeftException.class,
        () -> new BlockGifts(cut.state, cut.publication, cut.remote).askForSpace()).code());
    assertFalse(cut.record.blocks().owns(0));
  }

  @Test
  void aHostWithNoBlockTakesOneAheadOfNeedFromAHostItReaches() {
    OneBook joiner = new OneBook("host2").owning();
    joiner.other("host1", OneBook.FLEET, 1, 0, 1, 2, 3, 4);
    joiner.live.add("host1");
    joiner.remote.answering.put("host1", new AllocationTest.Answering(gifts.give("host2")));
    assertTrue(new BlockGifts(joiner.state, joiner.publication, joiner.remote).topUp());
    assertEquals(2, joiner.record.blocks().owned().size());
  }

  @Test
  void aHostWithRoomAsksNoOne() {
    assertFalse(gifts.topUp());
    assertEquals(List.of(), giver.remote.calls);
  }

  @Test
  void aHostLeftWithLessThanAQuarterOfABlockFreeTakesMore() {
    OneBook nearlyFull = new OneBook("host2").owning(15); // .240 to .254: fifteen usable
    for (int i = 240; i < 252; i++) {
      nearlyFull.record.ledger().put(Ipv4.parse("10.40.0." + i), new Owner("host2", "c" + i));
    }
    BlockGifts nearlyFullGifts = new BlockGifts(nearlyFull.state, nearlyFull.publication, nearlyFull.remote);
    assertEquals(4, nearlyFullGifts.roomWanted());
    assertTrue(nearlyFull.state.locked(() -> !nearlyFullGifts.hasRoom(nearlyFull.state.taken())), "three free");
    nearlyFull.other("host1", OneBook.FLEET, 1, 0, 1);
    nearlyFull.live.add("host1");
    nearlyFull.remote.answering.put("host1", new AllocationTest.Answering(Map.of(1, 2)));
    assertTrue(nearlyFullGifts.topUp());
    assertEquals(Map.of(1, 2, 15, 1), nearlyFull.record.blocks().owned());
  }

  @Test
  void aHostThatCannotReachAGiverNowTriesAgainLaterQuietly() {
    OneBook cut = new OneBook("host2").owning();
    cut.other("host1", OneBook.FLEET, 1, 0, 1);
    assertFalse(new BlockGifts(cut.state, cut.publication, cut.remote).topUp());
    assertTrue(cut.record.blocks().owned().isEmpty());
  }

  @Test
  void aHostOfNoFleetYetTakesNothing() {
    OneBook alone = new OneBook("host2");
    assertFalse(new BlockGifts(alone.state, alone.publication, alone.remote).topUp());
    assertEquals(List.of(), alone.remote.calls);
  }

  @Test
  void aheadOfNeedAHostOfOneBlockIsNotAskedSoNoBlockGoesRoundTheFleet() {
    OneBook joiner = new OneBook("host3").owning();
    joiner.other("host1", OneBook.FLEET, 1, 0);
    joiner.other("host2", OneBook.FLEET, 1, 1);
    joiner.live.addAll(List.of("host1", "host2"));
    joiner.remote.answering.put("host1", new AllocationTest.Answering(Map.of(0, 2)));
    joiner.remote.answering.put("host2", new AllocationTest.Answering(Map.of(1, 2)));
    BlockGifts joinerGifts = new BlockGifts(joiner.state, joiner.publication, joiner.remote);
    assertFalse(joinerGifts.topUp());
    assertEquals(List.of(), joiner.remote.calls, "no one asked");
    joinerGifts.askForSpace(); // needed now: a last free block may be given
    assertEquals(List.of("ask host1"), joiner.remote.calls);
  }
}
