package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WireRecordTest {

  @Test
  void anEntryReadsBackAsWrittenWhatItHearsIncluded() {
    WireRecord r = new WireRecord("host1", "172.29.0.11", "TSfzuEGNIkip/9Ig87whj8ElLg0AZmrsDP7hd10XRU0=",
        6784, true, "wireguard-go (the kernel has no WireGuard)", Map.of("host2", Reach.UP, "host3", Reach.DOWN));
    assertEquals(r, WireRecord.fromJson(r.toJson().encode()));
    assertEquals("{\"host2\":\"up\",\"host3\":\"down\"}", r.toJson().getJsonObject("heard").encode());
  }

  @Test
  void anEntryWithoutItsKeyAddressOrPortIsRefusedAndAnUnknownReachSkipped() {
    assertThrows(IllegalArgumentException.class, () -> WireRecord.fromJson("{\"name\":\"host1\"}"));
    assertThrows(IllegalArgumentException.class, () -> WireRecord.fromJson("not json"));
    assertThrows(IllegalArgumentException.class, () -> WireRecord.fromJson(
        "{\"name\":\"h\",\"address\":\"172.29.0.11\",\"key\":\"k\",\"port\":70000}"));
    WireRecord r = WireRecord.fromJson("{\"name\":\"h\",\"address\":\"172.29.0.11\",\"key\":\"k\",\"port\":6784,"
        + "\"heard\":{\"a\":\"up\",\"b\":\"sideways\"}}");
    assertEquals(Map.of("a", Reach.UP), r.heard());
    assertTrue(r.encrypt(), "an entry that does not say encrypts: the stronger reading");
    assertTrue(r.countsLive("host9"), "an entry that does not say whom it counts live: the older rule");
  }

  @Test
  void whomAnEntrysHostCountsLiveReadsBackAndAnswersForEachHost() {
    WireRecord r = new WireRecord("host1", "172.29.0.11", "k", 6784, true, "kernel", Map.of(), Set.of("host3", "host2"), null, 0);
    assertEquals("[\"host2\",\"host3\"]", r.toJson().getJsonArray("live").encode());
    assertEquals(r, WireRecord.fromJson(r.toJson().encode()));
    assertTrue(r.countsLive("host2"));
    assertFalse(r.countsLive("host4"));
    assertFalse(r.withLive(Set.of()).countsLive("host2"));
  }

  @Test
  void anEntryWrittenByAnotherAgentThanTheRunningOneSaysNothingHeardOrLive() {
    WireRecord r = new WireRecord("host1", "172.29.0.11", "k", 6784, true, "kernel",
        Map.of("host2", Reach.DOWN), Set.of("host2"), "m1", 1765000000000L);
    assertEquals(r, WireRecord.fromJson(r.toJson().encode()));
    assertSame(r, r.asSaidBy("m1"));
    assertSame(r, r.asSaidBy(null), "a peer entry that does not say which agent: the entry as it is");
    WireRecord old = r.asSaidBy("m1-after");
    assertEquals(Map.of(), old.heard());
    assertFalse(old.countsLive("host2"));
    assertEquals(r.key(), old.key(), "still reached as before");
  }

  @Test
  void thePairsAnEntrysHostRelaysReadBackAndAnEntryThatDoesNotSayKeepsTheOlderRule() {
    WireRecord r = new WireRecord("host2", "172.29.0.12", "k", 6784, true, "kernel", Map.of(), Set.of(), "m2",
        1765000000000L, Set.of("host1|host3"));
    assertEquals("[\"host1|host3\"]", r.toJson().getJsonArray("relaying").encode());
    assertEquals(r, WireRecord.fromJson(r.toJson().encode()));
    assertTrue(r.relays("host3", "host1"), "either order names the pair");
    assertFalse(r.relays("host1", "host4"));
    assertFalse(r.withRelaying(Set.of()).relays("host1", "host3"));
    assertEquals(r.relaying(), r.withHeard(Map.of("host1", Reach.UP)).writtenAt(1).relaying(), "kept by changes");
    WireRecord older = WireRecord.fromJson(r.withRelaying(null).toJson().encode());
    assertNull(older.relaying());
    assertTrue(older.relays("host1", "host4"), "an agent before the field: any pair, as before");
  }

  @Test
  void eachEntryWrittenIsLaterThanTheLastEvenWhenTheClockGoesBack() {
    WireRecord r = new WireRecord("host1", "172.29.0.11", "k", 6784, true, "kernel", Map.of());
    assertEquals(0, r.at());
    WireRecord first = r.writtenAt(5000);
    assertEquals(5000, first.at());
    assertEquals(5001, first.writtenAt(4000).at(), "the clock went back");
    assertEquals(5000, WireRecord.fromJson(first.toJson().encode()).at());
  }
}
