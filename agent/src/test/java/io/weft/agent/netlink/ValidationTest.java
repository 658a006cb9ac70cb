package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Checks made before any syscall; these need neither root nor native code. */
class ValidationTest {

  @Test
  void interfaceNamesFollowTheKernelsRules() {
    assertEquals("vethwepl1234567", InterfaceName.check("op", "vethwepl1234567"));
    for (String bad : new String[] {"", "vethwepl12345678", "a/b", "a b", "a\tb", "a:b", ".", "..", "ééééééééé"}) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> InterfaceName.check("linkAdd", bad));
      assertTrue(e.getMessage().startsWith("linkAdd failed: invalid interface name \"" + bad + "\""), e.getMessage());
    }
  }

  @Test
  void cidrsParseLiteralsOnly() {
    assertEquals("10.32.0.7/12", IpNet.parse("10.32.0.7/12").toString());
    assertEquals(64, IpNet.parse("fd00::1/64").prefixLength());
    for (String bad : new String[] {"10.32.0.7", "10.32.0.256/12", "10.32.0.7/33", "10.32.0.07a/8", "1.2.3/8",
        "fd00::1/129", "fd00::g/64", "localhost/8", "10.32.0.7/-1", "fe80::1%eth0/64"}) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> IpNet.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void anIpv4AddressReadsByWeftsOneRuleInBothCidrTypes() {
    for (String text : new String[] {"10.32.0.7/12", "0.0.0.0/0", "010.32.0.7/12", "10.32.00.7/12",
        "10.32.0.7/012", "10.32.0.7/08", "10.32.0.7/33", "1.2.3.4/32", "255.255.255.255/32", "10.32.0.7a/8"}) {
      boolean weft = reads(() -> io.weft.common.net.Cidr.parse(text).toString());
      boolean kernel = reads(() -> IpNet.parse(text).toString());
      assertEquals(weft, kernel, text + ": read by one and not the other");
      if (weft) {
        assertEquals(io.weft.common.net.Cidr.parse(text).toString(), IpNet.parse(text).toString());
      }
    }
  }

  private static boolean reads(java.util.function.Supplier<String> parse) {
    try {
      parse.get();
      return true;
    } catch (RuntimeException refused) {
      return false;
    }
  }

  @Test
  void macAddressesParseAndPrint() {
    assertEquals("02:42:0a:20:00:07", MacAddress.parse("02:42:0A:20:00:07").toString());
    assertTrue(MacAddress.parse("00:00:00:00:00:00").isZero());
    assertThrows(InvalidArgumentException.class, () -> MacAddress.parse("02:42:0a:20:00"));
    assertThrows(InvalidArgumentException.class, () -> MacAddress.parse("02:42:0a:20:00:zz"));
  }

  @Test
  void errnosMapToTypes() {
    assertInstanceOf(AlreadyExistsException.class, NetlinkException.of("x", 17, null));
    assertInstanceOf(NotFoundException.class, NetlinkException.of("x", 19, null));
    assertInstanceOf(NotFoundException.class, NetlinkException.of("x", 2, null));
    assertInstanceOf(NotFoundException.class, NetlinkException.of("x", 3, null));
    assertInstanceOf(PermissionDeniedException.class, NetlinkException.of("x", 1, null));
    assertInstanceOf(PermissionDeniedException.class, NetlinkException.of("x", 13, null));
    assertInstanceOf(BusyException.class, NetlinkException.of("x", 16, null));
    NetlinkException other = NetlinkException.of("x", 95, null);
    assertEquals(NetlinkException.class, other.getClass());
    assertEquals("x failed: Operation not supported (EOPNOTSUPP)", other.getMessage());
    assertEquals("x failed: Unknown error 200 (E200)", NetlinkException.of("x", 200, null).getMessage());
  }

  @Test
  void vxlanRejectsAVniOver24Bits() {
    assertThrows(InvalidArgumentException.class, () -> Vxlan.of("vx0", 1 << 24));
  }
}
