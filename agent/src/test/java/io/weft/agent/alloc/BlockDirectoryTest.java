package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.BlockLayout;
import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.OwnedBlocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockDirectoryTest {

  private final Map<String, String> map = new HashMap<>();
  private final BlockDirectory directory = new BlockDirectory(map);
  private final FleetId fleet = FleetId.found();
  private final OwnedBlocks all = OwnedBlocks.founding(BlockLayout.of(AddressRange.DEFAULT));

  @Test
  void anEntryUnchangedSinceTheLastReadIsNotReadAgain() {
    directory.publish("host1", fleet, AddressRange.DEFAULT, all);
    BlockDirectory.Entry first = directory.entries().get("host1");
    assertSame(first, directory.entries().get("host1"));
    assertEquals(all, first.blocks());
  }

  @Test
  void anEntryThatChangedOrWentIsReadAsItIsNow() {
    directory.publish("host1", fleet, AddressRange.DEFAULT, all);
    directory.publish("host2", fleet, AddressRange.DEFAULT, OwnedBlocks.NONE);
    directory.entries();
    OwnedBlocks given = all.give(List.of(0, 1), "host2");
    directory.publish("host1", fleet, AddressRange.DEFAULT, given);
    directory.tombstone("host2", "host1");
    Map<String, BlockDirectory.Entry> now = directory.entries();
    assertEquals(given, now.get("host1").blocks());
    assertTrue(now.get("host2").removed());
    map.remove("host2");
    assertFalse(directory.entries().containsKey("host2"));
  }

  @Test
  void aMalformedEntryIsLeftOutAtEveryReadAndAMendedOneComesIn() {
    map.put("host3", "{\"range\": 7");
    assertEquals(Map.of(), directory.entries());
    assertEquals(Map.of(), directory.entries());
    directory.publish("host3", fleet, AddressRange.DEFAULT, OwnedBlocks.NONE);
    assertEquals(fleet, directory.entries().get("host3").fleet());
  }
}
