package io.weft.agent.dns.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  @Test
  void anAnswerCopiesTheQuestionAndPointsEachRecordAtIt() throws Exception {
    byte[] message = Queries.of(0x4242, "DB.weft.local", Dns.TYPE_A, 0);
    Query query = Query.parse(message, message.length);
    byte[] answer = Responses.answer(message, query, Dns.NOERROR, true,
        List.of(Answer.a(new byte[] {10, 32, 0, 7}, 1)), 512);
    assertEquals(0x4242, Queries.id(answer));
    assertEquals(1, Queries.answerCount(answer));
    assertEquals(Dns.NOERROR, Queries.rcode(answer));
    assertFalse(Queries.truncated(answer));
    assertArrayEquals(Arrays.copyOfRange(message, 12, message.length),
        Arrays.copyOfRange(answer, 12, message.length), "the question, its case kept");
    int record = message.length;
    assertEquals(0xc0, answer[record] & 0xff);
    assertEquals(12, answer[record + 1]);
    assertArrayEquals(new byte[] {10, 32, 0, 7}, Arrays.copyOfRange(answer, answer.length - 4, answer.length));
    assertTrue((answer[2] & 0x04) != 0, "authoritative");
  }

  @Test
  void tooLargeForUdpIsCutWithTheTruncationBitAndWholeOverTcp() throws Exception {
    byte[] message = Queries.of(1, "many.weft.local", Dns.TYPE_A, 0);
    Query query = Query.parse(message, message.length);
    List<Answer> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(Answer.a(new byte[] {10, 32, 1, (byte) i}, 1));
    }
    byte[] udp = Responses.answer(message, query, Dns.NOERROR, true, many, query.udpLimit());
    assertTrue(Queries.truncated(udp));
    assertEquals(0, Queries.answerCount(udp));
    assertTrue(udp.length <= 512);
    byte[] tcp = Responses.answer(message, query, Dns.NOERROR, true, many, 65535);
    assertFalse(Queries.truncated(tcp));
    assertEquals(100, Queries.answerCount(tcp));
  }

  @Test
  void anEdnsQueryGetsAnOptRecordBack() throws Exception {
    byte[] message = Queries.of(1, "a.weft.local", Dns.TYPE_A, 1232);
    Query query = Query.parse(message, message.length);
    byte[] answer = Responses.answer(message, query, Dns.NXDOMAIN, true, List.of(), 1232);
    assertEquals(1, answer[11]);
    assertEquals(Dns.NXDOMAIN, Queries.rcode(answer));
    Query again = Query.parse(asQuery(answer), answer.length);
    assertEquals(Dns.EDNS_UDP_LIMIT, again.ednsUdpSize());
  }

  @Test
  void aPtrAnswerCarriesTheName() throws Exception {
    byte[] message = Queries.of(2, "7.0.32.10.in-addr.arpa", Dns.TYPE_PTR, 0);
    Query query = Query.parse(message, message.length);
    byte[] answer = Responses.answer(message, query, Dns.NOERROR, true,
        List.of(Answer.ptr("db.weft.local", 1)), 512);
    byte[] name = Responses.name("db.weft.local");
    assertArrayEquals(name, Arrays.copyOfRange(answer, answer.length - name.length, answer.length));
  }

  /** The answer's header made a query's again, to read its OPT record back. */
  private static byte[] asQuery(byte[] answer) {
    byte[] copy = answer.clone();
    copy[2] &= 0x7f;
    return copy;
  }
}
