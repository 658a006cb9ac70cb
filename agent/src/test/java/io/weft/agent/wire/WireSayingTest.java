package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireSayingTest {

  private final WireRecord entry = WirePlanTest.host("host2", true, Map.of("host1", Reach.UP));

  @Test
  void aSayingReadsBackWithItsEntryAndItsNextTime() {
    WireSaying saying = new WireSaying(entry, Duration.ofSeconds(10));
    assertEquals(saying, WireSaying.parse(saying.encode()));
  }

  @Test
  void anEntrySaidByAnAgentBeforeTheFieldMeansEverySecond() {
    assertEquals(new WireSaying(entry, Duration.ofSeconds(1)), WireSaying.parse(entry.toJson().encode()));
  }

  @Test
  void aNextTimeOutOfBoundsOrNotANumberDoesNotRead() {
    for (Object again : new Object[] {0, 999, 60_001, Long.MAX_VALUE, -1, "10000", true}) {
      String text = entry.toJson().put("again", again).encode();
      assertThrows(IllegalArgumentException.class, () -> WireSaying.parse(text), String.valueOf(again));
    }
    assertThrows(IllegalArgumentException.class, () -> WireSaying.parse("{\"again\": 1000}"), "no entry");
    assertThrows(IllegalArgumentException.class, () -> WireSaying.parse("[1,"), "not JSON");
  }
}
