package io.weft.common.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Ipv4;
import org.junit.jupiter.api.Test;

class DnsNamesTest {

  @Test
  void namesAreKeptLowercaseWithoutTheTrailingDot() {
    assertEquals("db.weft.local", DnsNames.normalize("DB.Weft.Local."));
    assertEquals("web_1", DnsNames.normalize("web_1"));
  }

  @Test
  void whatIsNotADnsNameIsRefusedAsBadName() {
    for (String bad : new String[] {"", ".", "a..b", "-web", "web-", "we b", "wéb", "a/b",
        "x".repeat(64), ("abcdefghi.").repeat(26)}) {
      WeftException e = assertThrows(WeftException.class, () -> DnsNames.normalize(bad), bad);
      assertEquals(ErrorCode.BAD_NAME, e.code());
      assertTrue(e.code().isUsage());
    }
    assertTrue(DnsNames.isValid("x".repeat(63)));
    assertFalse(DnsNames.isValid("x".repeat(64)));
  }

  @Test
  void aNameOutsideTheDomainGetsIt() {
    assertEquals("db.weft.local", DnsNames.qualify("db", "weft.local"));
    assertEquals("db.weft.local", DnsNames.qualify("db.weft.local", "weft.local"));
    assertEquals("my.app.weft.local", DnsNames.qualify("my.app", "weft.local"));
    assertFalse(DnsNames.inDomain("weft.local", "weft.local"));
    assertFalse(DnsNames.inDomain("xweft.local", "weft.local"));
  }

  @Test
  void reverseNamesReadBackwards() {
    assertEquals("5.1.32.10.in-addr.arpa", DnsNames.reverse(Ipv4.parse("10.32.1.5")));
  }

  @Test
  void aDomainHasTwoLabelsAtLeast() {
    assertEquals("corp.example", DnsNames.domain("Corp.Example"));
    assertEquals(ErrorCode.BAD_NAME,
        assertThrows(WeftException.class, () -> DnsNames.domain("local")).code());
  }
}
