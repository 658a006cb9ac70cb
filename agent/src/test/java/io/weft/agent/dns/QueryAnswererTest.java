package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Queries;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryAnswererTest {

  private final Set<String> live = new HashSet<>(Set.of("host1", "host2"));
  private final Map<String, String> map = new HashMap<>();
  private final NameIndex index = new NameIndex(live::contains);
  private final QueryAnswerer answerer = new QueryAnswerer(index, "weft.local", Cidr.parse("10.32.0.0/12"));

  @BeforeEach
  void twoHostsWithContainers() {
    new NameRecords("host1", map, null).register("c1", List.of("web.weft.local", "3f2a.weft.local"),
        List.of(Ipv4.parse("10.32.0.7")));
    NameRecords host2 = new NameRecords("host2", map, null);
    host2.register("c2", List.of("web.weft.local"), List.of(Ipv4.parse("10.32.16.3")));
    host2.add("db.weft.local", List.of(Ipv4.parse("10.32.16.9")));
    index.sync(map);
  }

  @Test
  void everyContainerOfANameAnswersInAnOrderThatChanges() {
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      byte[] answer = ask("WEB.weft.local", Dns.TYPE_A);
      assertEquals(Dns.NOERROR, Queries.rcode(answer));
      assertEquals(2, Queries.answerCount(answer));
      firsts.add(firstAddress(answer));
    }
    assertEquals(Set.of("10.32.0.7", "10.32.16.3"), firsts, "both come first now and then");
  }

  @Test
  void unknownInTheDomainIsNxdomainAndAKnownNameOfAnotherTypeHasNoAnswer() {
    assertEquals(Dns.NXDOMAIN, Queries.rcode(ask("nope.weft.local", Dns.TYPE_A)));
    byte[] aaaa = ask("db.weft.local", 28);
    assertEquals(Dns.NOERROR, Queries.rcode(aaaa));
    assertEquals(0, Queries.answerCount(aaaa));
    assertEquals(Dns.NOERROR, Queries.rcode(ask("weft.local", Dns.TYPE_A)));
  }

  @Test
  void reverseLookupsInTheRangeAreWeftsOutsideItAreForwarded() {
    byte[] ptr = ask("7.0.32.10.in-addr.arpa", Dns.TYPE_PTR);
    assertEquals(2, Queries.answerCount(ptr));
    assertEquals(Dns.NXDOMAIN, Queries.rcode(ask("8.0.32.10.in-addr.arpa", Dns.TYPE_PTR)));
    assertInstanceOf(QueryAnswerer.Outcome.Forward.class, outcome("1.1.168.192.in-addr.arpa", Dns.TYPE_PTR));
  }

  @Test
  void otherNamesGoToTheHostsResolvers() {
    assertInstanceOf(QueryAnswerer.Outcome.Forward.class, outcome("example.org", Dns.TYPE_A));
    assertInstanceOf(QueryAnswerer.Outcome.Forward.class, outcome("xweft.local", Dns.TYPE_A));
  }

  @Test
  void aHostThatLeftTakesItsNamesWithIt() {
    live.remove("host2");
    byte[] answer = ask("web.weft.local", Dns.TYPE_A);
    assertEquals(1, Queries.answerCount(answer));
    assertEquals("10.32.0.7", firstAddress(answer));
    assertEquals(Dns.NXDOMAIN, Queries.rcode(ask("db.weft.local", Dns.TYPE_A)));
  }

  @Test
  void garbageIsFormerrOrSilence() {
    byte[] query = Queries.of(77, "web.weft.local", Dns.TYPE_A, 0);
    query[5] = 3;
    QueryAnswerer.Outcome refused = answerer.answer(query, query.length, false);
    byte[] formerr = ((QueryAnswerer.Outcome.Reply) refused).message();
    assertEquals(77, Queries.id(formerr));
    assertEquals(Dns.FORMERR, Queries.rcode(formerr));
    assertInstanceOf(QueryAnswerer.Outcome.Drop.class, answerer.answer(new byte[3], 3, false));
  }

  @Test
  void manyAddressesAreCutOverUdpAndWholeOverTcp() {
    List<Ipv4> many = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      many.add(Ipv4.parse("10.32.2." + i));
    }
    new NameRecords("host1", map, null).add("many.weft.local", many);
    index.sync(map);
    byte[] query = Queries.of(5, "many.weft.local", Dns.TYPE_A, 0);
    byte[] udp = ((QueryAnswerer.Outcome.Reply) answerer.answer(query, query.length, false)).message();
    assertTrue(Queries.truncated(udp));
    byte[] tcp = ((QueryAnswerer.Outcome.Reply) answerer.answer(query, query.length, true)).message();
    assertEquals(100, Queries.answerCount(tcp));
  }

  private byte[] ask(String name, int type) {
    return ((QueryAnswerer.Outcome.Reply) outcome(name, type)).message();
  }

  private QueryAnswerer.Outcome outcome(String name, int type) {
    byte[] query = Queries.of(1, name, type, 0);
    return answerer.answer(query, query.length, false);
  }

  /** The first A record's address: the last four bytes of the first record after the question. */
  private static String firstAddress(byte[] answer) {
    int question = 12;
    while (answer[question] != 0) {
      question += (answer[question] & 0xff) + 1;
    }
    int rdata = question + 1 + 4 + 12;
    return (answer[rdata] & 0xff) + "." + (answer[rdata + 1] & 0xff) + "." + (answer[rdata + 2] & 0xff)
        + "." + (answer[rdata + 3] & 0xff);
  }
}
