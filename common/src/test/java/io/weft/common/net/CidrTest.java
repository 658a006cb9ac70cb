package io.weft.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void parsesAddressAndSubnet() {
    Cidr cidr = Cidr.parse("10.32.1.5/12");
    assertEquals("10.32.1.5", cidr.address().toString());
    assertEquals(12, cidr.prefixLength());
    assertEquals("10.32.0.0/12", cidr.subnet().toString());
    assertEquals("10.47.255.255", cidr.broadcast().toString());
    assertEquals(1L << 20, cidr.size());
    assertTrue(cidr.contains(Ipv4.parse("10.47.0.1")));
    assertFalse(cidr.contains(Ipv4.parse("10.48.0.1")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.32.1.5", "10.32.1/12", "10.32.1.256/12", "10.32.01.5/12",
      "10.32.1.5/33", "10.32.1.5/", "a.b.c.d/8", "10.32.1.5/1x", "10.32.1.5/012", "10.32.1.5/08",
      "010.32.1.5/12"})
  void refusesWhatIsNotACidr(String text) {
    WeftException e = assertThrows(WeftException.class, () -> Cidr.parse(text));
    assertEquals(ErrorCode.BAD_CIDR, e.code());
    assertTrue(e.getMessage().contains("'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.5/8", "0.1.2.3/8", "224.0.0.5/4", "250.1.1.1/8",
      "10.32.0.0/12", "10.47.255.255/12", "10.1.1.1/31", "10.1.1.1/0"})
  void refusesAddressesNoContainerShouldHave(String text) {
    WeftException e = assertThrows(WeftException.class, () -> Cidr.parse(text).requireHostAddress());
    assertEquals(ErrorCode.BAD_CIDR, e.code());
    assertTrue(e.getMessage().startsWith("cannot give a container " + text), e.getMessage());
  }

  @Test
  void overlapIsSymmetric() {
    Cidr range = Cidr.parse("10.32.0.0/12");
    assertTrue(range.overlaps(Cidr.parse("10.40.0.0/16")));
    assertTrue(Cidr.parse("10.40.0.0/16").overlaps(range));
    assertFalse(range.overlaps(Cidr.parse("172.29.0.0/24")));
  }
}
