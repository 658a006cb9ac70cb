package io.weft.agent.dns.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void readsAQueryAsAResolverSendsIt() throws Exception {
    byte[] message = Queries.of(0x1234, "Web.Weft.Local", Dns.TYPE_A, 0);
    Query query = Query.parse(message, message.length);
    assertEquals(0x1234, query.id());
    assertEquals("Web.Weft.Local", query.name());
    assertEquals(Dns.TYPE_A, query.type());
    assertEquals(Dns.CLASS_IN, query.qclass());
    assertTrue(query.recursionDesired());
    assertEquals(message.length, query.questionEnd());
    assertEquals(512, query.udpLimit());
  }

  @Test
  void ednsRaisesTheUdpLimitWithinWeftsOwn() throws Exception {
    byte[] big = Queries.of(1, "a.weft.local", Dns.TYPE_A, 4096);
    assertEquals(Dns.EDNS_UDP_LIMIT, Query.parse(big, big.length).udpLimit());
    byte[] small = Queries.of(1, "a.weft.local", Dns.TYPE_A, 100);
    assertEquals(512, Query.parse(small, small.length).udpLimit());
  }

  @Test
  void followsAPointerBackwardsButNeverForwardsOrInALoop() throws Exception {
    byte[] message = Queries.of(7, "web.weft.local", Dns.TYPE_A, 0);
    // a second copy of the question's name as a pointer to the first: a name of one pointer
    assertEquals("web.weft.local", NameReader.read(concat(message, new byte[] {(byte) 0xc0, 12}),
        message.length, message.length + 2).name());
    byte[] loop = Arrays.copyOf(message, message.length);
    loop[12] = (byte) 0xc0;
    loop[13] = 12; // points at itself
    assertMalformed(loop, 7);
  }

  @Test
  void malformedQueriesAreRefusedWithTheirIdOrDropped() {
    byte[] good = Queries.of(9, "web.weft.local", Dns.TYPE_A, 0);
    assertDropped(new byte[5]);
    byte[] response = good.clone();
    response[2] |= (byte) 0x80;
    assertDropped(response);
    byte[] twoQuestions = good.clone();
    twoQuestions[5] = 2;
    assertMalformed(twoQuestions, 9);
    assertMalformed(Arrays.copyOf(good, good.length - 3), 9);
    assertMalformed(concat(good, new byte[] {1, 2, 3}), 9);
    byte[] longLabel = good.clone();
    longLabel[12] = 64;
    assertMalformed(longLabel, 9);
    assertMalformed(Arrays.copyOf(good, Dns.MAX_QUERY_LENGTH + 1), 9);
    byte[] notify = good.clone();
    notify[2] |= (byte) 0x20;
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> Query.parse(notify, notify.length));
    assertEquals(Dns.NOTIMP, e.rcode());
  }

  @Test
  void aNameOverTheLimitIsMalformed() {
    String label = "x".repeat(63);
    byte[] message = Queries.of(3, String.join(".", label, label, label, label, "weft", "local"),
        Dns.TYPE_A, 0);
    assertMalformed(message, 3);
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButAMalformedMessage() {
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      byte[] noise = new byte[random.nextInt(80)];
      random.nextBytes(noise);
      if (noise.length > 12 && random.nextBoolean()) {
        noise[4] = 0;
        noise[5] = 1;
        noise[2] &= 0x07;
      }
      try {
        Query.parse(noise, noise.length);
      } catch (MalformedMessageException expected) {
        // refused: what must happen to most of them
      }
    }
  }

  @Test
  void oddLabelsAreEscapedSoTheyNeverReadAsPlainNames() throws Exception {
    byte[] message = Queries.of(4, "ab.weft.local", Dns.TYPE_A, 0);
    message[14] = '.'; // one label "a." rather than "ab"
    assertEquals("a\\..weft.local", Query.parse(message, message.length).name());
    message[14] = 7;
    assertEquals("a\\007.weft.local", Query.parse(message, message.length).name());
  }

  private static void assertMalformed(byte[] message, int id) {
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> Query.parse(message, message.length));
    assertEquals(id, e.id());
    assertTrue(e.answerable());
  }

  private static void assertDropped(byte[] message) {
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> Query.parse(message, message.length));
    assertFalse(e.answerable());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
