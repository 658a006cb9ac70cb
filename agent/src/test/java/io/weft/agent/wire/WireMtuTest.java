package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WireMtuTest {

  @Test
  void theOverheadsOfVxlanAndWireGuardAreTakenOffTheUnderlays() {
    assertEquals(new WireMtu(1500, 1450, 1440), WireMtu.of(1500, false, 0));
    assertEquals(new WireMtu(1500, 1390, 1440), WireMtu.of(1500, true, 0));
    assertEquals(new WireMtu(9000, 8950, 8940), WireMtu.of(9000, false, 0));
    assertEquals(new WireMtu(9000, 8890, 8940), WireMtu.of(9000, true, 0));
  }

  @Test
  void anMtuAskedForWinsAndATinyUnderlayStillGivesContainersTheSmallest() {
    assertEquals(1200, WireMtu.of(1500, true, 1200).bridge());
    assertEquals(WireMtu.SMALLEST, WireMtu.of(600, true, 0).bridge());
  }
}
