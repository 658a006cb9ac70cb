package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.net.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameRecordsTest {

  private static final Ipv4 A = Ipv4.parse("10.32.0.5");
  private static final Ipv4 B = Ipv4.parse("10.32.0.6");

  @Test
  void aContainerIsKnownUntilItIsUnregistered() {
    Map<String, String> map = new HashMap<>();
    NameRecords records = new NameRecords("host1", map, null);
    NameIndex index = new NameIndex(h -> true);
    records.register("c1", List.of("web.weft.local"), List.of(A));
    index.sync(map);
    assertEquals(List.of(A), index.addresses("web.weft.local"));
    assertEquals(List.of("web.weft.local"), index.names(A));
    assertEquals(Set.of("c1"), records.containers());
    records.unregister("c1");
    index.sync(map);
    assertEquals(List.of(), index.addresses("web.weft.local"));
    assertEquals(List.of(), index.names(A));
  }

  @Test
  void addedRecordsGrowShrinkAndOutliveTheAgent(@TempDir Path dir) {
    Path file = dir.resolve("dns-records.json");
    NameRecords records = new NameRecords("host1", new HashMap<>(), file);
    assertEquals(List.of(A), records.add("db.weft.local", List.of(A)));
    assertEquals(List.of(B), records.add("db.weft.local", List.of(A, B)));
    assertEquals(List.of(A, B), records.added("db.weft.local"));
    assertTrue(Files.exists(file));
    Map<String, String> fresh = new HashMap<>();
    NameRecords restarted = new NameRecords("host1", fresh, file);
    assertEquals(List.of(A, B), restarted.added("db.weft.local"));
    restarted.republish();
    assertTrue(fresh.containsKey("host1|+db.weft.local"), "entered again after a restart");
    assertEquals(List.of(A), restarted.remove("db.weft.local", List.of(A)));
    assertEquals(List.of(B), restarted.remove("db.weft.local", List.of()));
    assertEquals(List.of(), restarted.remove("db.weft.local", List.of()));
    assertTrue(fresh.isEmpty());
  }

  @Test
  void keepingInStepEntersWhatTheCopyLacksAndDropsWhatThisHostNoLongerHas() {
    Map<String, String> map = new HashMap<>();
    NameRecords records = new NameRecords("host1", map, null);
    records.register("c1", List.of("web.weft.local"), List.of(A));
    // a copy refilled after a merge: c1 missing, a stale c9 of this host's, another host's entry
    map.clear();
    map.put("host1|c9", "{\"names\":[\"old.weft.local\"],\"addresses\":[\"10.32.0.9\"]}");
    map.put("host2|c2", "{\"names\":[\"db.weft.local\"],\"addresses\":[\"10.32.16.2\"]}");
    records.keepInStep();
    assertEquals(Set.of("host1|c1", "host2|c2"), map.keySet());
  }

  @Test
  void republishEntersEveryEntryAgainForCopiesElsewhereThatLackThem() {
    List<String> puts = new java.util.ArrayList<>();
    Map<String, String> map = new HashMap<>() {
      @Override
      public String put(String key, String value) {
        puts.add(key);
        return super.put(key, value);
      }
    };
    NameRecords records = new NameRecords("host1", map, null);
    records.register("c1", List.of("web.weft.local"), List.of(A));
    puts.clear();
    records.keepInStep();
    assertEquals(List.of(), puts, "the local copy has it: nothing to do");
    records.republish();
    assertEquals(List.of("host1|c1"), puts, "entered again all the same");
  }

  @Test
  void hostsThatLeftAreDropped() {
    Map<String, String> map = new HashMap<>();
    new NameRecords("host1", map, null).register("c1", List.of("a.weft.local"), List.of(A));
    new NameRecords("host2", map, null).register("c2", List.of("b.weft.local"), List.of(B));
    new NameRecords("host1", map, null).dropAbsent(Set.of("host1"));
    assertEquals(Set.of("host1|c1"), map.keySet());
  }

  @Test
  void aMalformedEntryIsSkippedNotFatal() {
    NameIndex index = new NameIndex(h -> true);
    index.sync(Map.of("host1|c1", "not json", "nobar", "{}",
        "host1|c2", "{\"names\":[\"ok.weft.local\"],\"addresses\":[\"10.32.0.5\"]}"));
    assertEquals(List.of(A), index.addresses("ok.weft.local"));
    assertFalse(index.addresses("ok.weft.local").isEmpty());
  }
}
