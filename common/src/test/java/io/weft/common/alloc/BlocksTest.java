package io.weft.common.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The range cut into blocks, who owns them, what a host hands out from its own, and what it gives. */
class BlocksTest {

  private static final BlockLayout WEAVE = BlockLayout.of(AddressRange.DEFAULT);

  @Test
  void aSlash12IsCutInto4096Slash24sAndSmallRangesIntoSmallerBlocks() {
    assertEquals(4096, WEAVE.count());
    assertEquals(Cidr.parse("10.32.5.0/24"), WEAVE.block(5));
    assertEquals(5, WEAVE.indexOf(Ipv4.parse("10.32.5.77")).orElseThrow());
    assertTrue(WEAVE.indexOf(Ipv4.parse("10.48.0.1")).isEmpty());
    assertEquals(16, BlockLayout.of(AddressRange.parse("10.40.0.0/24")).count());
    assertEquals(1, BlockLayout.of(AddressRange.parse("10.40.0.0/30")).count());
    assertEquals(2, BlockLayout.of(AddressRange.parse("10.40.0.0/29")).count());
  }

  @Test
  void theLowestFreeAddressOfTheOwnedBlocksSkippingTheRangesEnds() {
    Set<Ipv4> taken = new HashSet<>(Set.of(Ipv4.parse("10.32.0.1")));
    assertEquals(Optional.of(Cidr.parse("10.32.0.2/12")), BlockAllocator.firstFree(WEAVE, List.of(0, 7), taken));
    assertEquals(Optional.of(Cidr.parse("10.32.7.1/12")), BlockAllocator.firstFree(WEAVE, List.of(7), taken),
        "never .0 nor .255 unless asked for");
    BlockLayout tiny = BlockLayout.of(AddressRange.parse("10.40.0.0/30"));
    assertEquals(Optional.of(Cidr.parse("10.40.0.1/30")), BlockAllocator.firstFree(tiny, List.of(0), Set.of()));
    assertEquals(Optional.empty(), BlockAllocator.firstFree(tiny, List.of(0),
        Set.of(Ipv4.parse("10.40.0.1"), Ipv4.parse("10.40.0.2"))));
  }

  @Test
  void aHostGivesHalfOfItsFreeBlocksFromTheTop() {
    OwnedBlocks founder = OwnedBlocks.founding(BlockLayout.of(AddressRange.parse("10.40.0.0/24")));
    List<Integer> gift = BlockAllocator.toGive(founder, Set.of(0, 15));
    assertEquals(List.of(14, 13, 12, 11, 10, 9, 8), gift);
    OwnedBlocks one = new OwnedBlocks(new java.util.TreeMap<>(java.util.Map.of(3, 1)), new java.util.TreeMap<>());
    assertEquals(List.of(3), BlockAllocator.toGive(one, Set.of()));
    assertEquals(List.of(), BlockAllocator.toGive(one, Set.of(3)));
  }

  @Test
  void aGiftRaisesTheVersionAndOnlyAHigherVersionMovesABlock() {
    OwnedBlocks founder = OwnedBlocks.founding(BlockLayout.of(AddressRange.parse("10.40.0.0/24")));
    OwnedBlocks after = founder.give(List.of(14, 15), "host2");
    assertFalse(after.owns(15));
    assertEquals(2, after.knownVersion(15));
    assertEquals(new OwnedBlocks.Gift("host2", 2), after.given().get(15));
    assertThrows(IllegalArgumentException.class, () -> after.give(List.of(15), "host3"));

    OwnedBlocks host2 = OwnedBlocks.NONE.adopt(15, 2);
    assertTrue(host2.owns(15));
    assertEquals(host2, host2.adopt(15, 2), "the same gift twice changes nothing");
    assertEquals(after, after.adopt(15, 2), "a stale entry naming the giver does not bring it back");
    assertTrue(after.adopt(15, 3).owns(15), "given back at a higher version");
    assertFalse(host2.yield(15, "host3", 3).owns(15), "taken over by rmpeer while away");
    assertTrue(host2.yield(15, "host3", 2).owns(15), "not by an older claim");
  }

  @Test
  void ownershipTravelsAsCompactRuns() {
    OwnedBlocks founder = OwnedBlocks.founding(WEAVE).give(List.of(4095, 4094, 100), "host2");
    JsonObject json = founder.toJson();
    assertEquals(2, json.getJsonArray("owned").size(), json.encode());
    assertEquals(2, json.getJsonArray("given").size(), json.encode());
    assertEquals(founder, OwnedBlocks.fromJson(new JsonObject(json.encode())));
  }

  @Test
  void theHolderOfLongestStandingKeepsAnAddressHeldTwice() {
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    Holding early = new Holding(Cidr.parse("10.32.0.5/12"), "host3", "db", t, "m1");
    Holding late = new Holding(Cidr.parse("10.32.0.5/12"), "host1", "web", t.plusSeconds(5), "m2");
    Holding tie = new Holding(Cidr.parse("10.32.0.5/12"), "host2", "x", t, "m3");
    Holding alone = new Holding(Cidr.parse("10.32.0.6/12"), "host1", "web", t, "m2");
    List<Conflicts.Conflict> found = Conflicts.find(List.of(late, alone, early, tie));
    assertEquals(1, found.size());
    assertEquals(tie, found.get(0).keeper(), "same since: host2 before host3");
    assertEquals(List.of(early, late), found.get(0).losers());
    assertEquals(List.of(), Conflicts.find(List.of(early, alone)));
  }

  @Test
  void fleetsAreOrderedByAge() {
    FleetId old = new FleetId(Instant.parse("2026-12-01T10:00:00Z"), "b");
    FleetId young = new FleetId(Instant.parse("2026-12-01T11:00:00Z"), "a");
    assertTrue(old.isOlderThan(young));
    assertEquals(old, FleetId.parse(old.toString()));
  }
}
