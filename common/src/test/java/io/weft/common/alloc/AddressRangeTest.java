package io.weft.common.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

  @Test
  void handsOutTheLowestFreeAddressWithTheRangesPrefix() {
    AddressRange range = AddressRange.DEFAULT;
    assertEquals("10.32.0.1/12", range.firstFree(List.of()).toString());
    assertEquals("10.32.0.3/12",
        range.firstFree(List.of(Ipv4.parse("10.32.0.1"), Ipv4.parse("10.32.0.2"))).toString());
  }

  @Test
  void aFullRangeSaysSo() {
    AddressRange range = AddressRange.parse("10.9.0.0/30");
    WeftException e = assertThrows(WeftException.class,
        () -> range.firstFree(List.of(Ipv4.parse("10.9.0.1"), Ipv4.parse("10.9.0.2"))));
    assertEquals(ErrorCode.RANGE_FULL, e.code());
  }
}
