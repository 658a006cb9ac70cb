package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
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
  }
}
