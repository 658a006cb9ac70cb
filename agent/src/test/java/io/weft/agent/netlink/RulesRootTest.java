package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy rules and routes in a table of their own, checked with {@code ip -j rule/route}. */
class RulesRootTest extends InNamespaceTest {

  private static final int TABLE = 6783;

  private JsonObject ipRule(int priority) {
    for (Object o : ns.ip("rule", "show")) {
      JsonObject r = (JsonObject) o;
      if (r.getInteger("priority") == priority) {
        return r;
      }
    }
    return null;
  }

  @Test
  void aRuleByProtocolAndPortSendsToItsTableAndListsBackTheSame() {
    Rule vxlan = Rule.lookup(6781, TABLE).protocol(Rule.UDP).destinationPort(4789);
    Rule replies = Rule.lookup(6782, TABLE).protocol(Rule.TCP).sourcePort(6783);
    Rule relayed = Rule.lookup(6787, TABLE).inputInterface("weft-wg");
    nl.rules().add(vxlan);
    nl.rules().add(replies);
    nl.rules().add(relayed);

    JsonObject shown = ipRule(6781);
    assertNotNull(shown, ns.ip("rule", "show").encode());
    assertEquals("udp", shown.getString("ipproto"));
    assertEquals(4789, shown.getInteger("dport"));
    assertEquals(String.valueOf(TABLE), String.valueOf(shown.getValue("table")));
    assertEquals(6783, ipRule(6782).getInteger("sport"));
    assertEquals("weft-wg", ipRule(6787).getString("iif"));

    List<Rule> listed = nl.rules().list();
    assertTrue(listed.containsAll(List.of(vxlan, replies, relayed)), listed.toString());
    assertThrows(AlreadyExistsException.class, () -> nl.rules().add(vxlan));

    nl.rules().delete(vxlan);
    assertNull(ipRule(6781));
    assertThrows(NotFoundException.class, () -> nl.rules().delete(vxlan));
    assertTrue(nl.rules().list().contains(replies));
  }

  @Test
  void routesInATableStayOutOfTheMainTable() {
    nl.links().add(Bridge.named("weft"));
    nl.links().setUp("weft");
    int weft = index("weft");
    Route peer = Route.to("172.29.0.13/32").dev(weft);

    nl.routes(TABLE).replace(peer);
    JsonArray inTable = ns.ip("route", "show", "table", String.valueOf(TABLE));
    assertEquals(1, inTable.size(), inTable.encode());
    assertEquals("172.29.0.13", inTable.getJsonObject(0).getString("dst"));
    assertEquals("weft", inTable.getJsonObject(0).getString("dev"));
    assertTrue(nl.routes().list(false).stream().noneMatch(r -> r.dst() != null
        && r.dst().toString().equals("172.29.0.13/32")), "not in main");
    assertEquals(List.of("172.29.0.13/32"),
        nl.routes(TABLE).list(false).stream().map(r -> r.dst().toString()).toList());

    nl.routes(TABLE).delete(peer);
    assertTrue(nl.routes(TABLE).list(false).isEmpty());
    assertThrows(InvalidArgumentException.class, () -> nl.routes(0));
  }

  @Test
  void genericNetlinkFindsTheControllerAndNotAnAbsentFamily() {
    try (GenericNetlink genl = GenericNetlink.open(nl.namespace())) {
      assertTrue(genl.familyId("nlctrl").isPresent(), "the controller itself is a family");
      assertTrue(genl.familyId("weft-absent").isEmpty());
    }
  }
}
