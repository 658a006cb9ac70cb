package io.weft.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.weft.common.net.Cidr;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each verb's result reads back from its own JSON, and prints as weft has always printed it. */
class ResultsTest {

  private static final ContainerView WEB = new ContainerView("3f2a9c0d1e2b4455", "web", "ethwe",
      List.of(Cidr.parse("10.32.0.1/12"), Cidr.parse("10.32.0.2/12")));

  @Test
  void attachAndDetach() {
    Attach.Reply attached = new Attach.Reply(WEB, List.of(Cidr.parse("10.32.0.2/12")), 1.25);
    assertRoundTrip(Attach.VERB, attached);
    assertEquals("web (3f2a9c0d1e2b) attached: 10.32.0.1/12 10.32.0.2/12", attached.text());
    assertEquals("web (3f2a9c0d1e2b) already has 10.32.0.1/12 10.32.0.2/12",
        new Attach.Reply(WEB, List.of(), 0.5).text());
    Detach.Reply detached = new Detach.Reply(
        new ContainerView(WEB.id(), "web", "ethwe", List.of(Cidr.parse("10.32.0.1/12"))),
        List.of(Cidr.parse("10.32.0.2/12")));
    assertRoundTrip(Detach.VERB, detached);
    assertEquals("detached 10.32.0.2/12 from web (3f2a9c0d1e2b); it keeps 10.32.0.1/12", detached.text());
  }

  @Test
  void bridgeVerbs() {
    Expose.Reply exposed = new Expose.Reply("weft", List.of(Cidr.parse("10.32.0.9/12")),
        List.of(Cidr.parse("10.32.0.9/12")));
    assertRoundTrip(Expose.VERB, exposed);
    assertEquals("10.32.0.9/12", exposed.text());
    assertEquals("nothing hidden", new Hide.Reply("weft", List.of()).text());
    assertEquals("hid 10.32.0.9/12", new Hide.Reply("weft", List.of(Cidr.parse("10.32.0.9/12"))).text());
    assertEquals("nothing to remove", new Reset.Reply(List.of()).text());
    Reset.Reply reset = new Reset.Reply(List.of("vethwepl12", "weft"));
    assertRoundTrip(Reset.VERB, reset);
    assertEquals("removed vethwepl12 weft", reset.text());
  }

  @Test
  void psPrintsATableWithTheBridgeFirst() {
    Ps.Reply ps = new Ps.Reply(List.of(
        new Ps.Row(WEB.id(), "web", 42, "aa:bb:cc:dd:ee:01", WEB.addresses()),
        new Ps.Row(null, null, 43, "aa:bb:cc:dd:ee:02", List.of())),
        Optional.of(new Ps.Bridge("weft", "aa:bb:cc:dd:ee:00", List.of(Cidr.parse("10.32.0.9/12")))));
    assertRoundTrip(Ps.VERB, ps);
    assertEquals("""
        CONTAINER ID   NAME      MAC                 ADDRESSES                   DOCKER NETWORK
        weft:expose    weft      aa:bb:cc:dd:ee:00   10.32.0.9/12
        3f2a9c0d1e2b   web       aa:bb:cc:dd:ee:01   10.32.0.1/12 10.32.0.2/12
        pid:43                   aa:bb:cc:dd:ee:02""", ps.text());
    Ps.Reply docker = new Ps.Reply(List.of(
        new Ps.Row(WEB.id(), "web", 42, "02:77:0a:20:00:01", List.of(Cidr.parse("10.32.0.1/12")), "weft")),
        Optional.empty());
    assertEquals("""
        CONTAINER ID   NAME      MAC                 ADDRESSES      DOCKER NETWORK
        3f2a9c0d1e2b   web       02:77:0a:20:00:01   10.32.0.1/12   weft""", docker.text());
    assertEquals(new JsonObject().put("containers", new io.vertx.core.json.JsonArray()),
        new Ps.Reply(List.of(), Optional.empty()).toJson());
  }

  @Test
  void statusWithAndWithoutABridge() {
    Status.Reply up = new Status.Reply("host1", "0.1.0", "10.32.0.0/12",
        new Status.Bridge("weft", true, true, 1450, "aa:bb:cc:dd:ee:00", List.of()), 3, Status.Space.NONE);
    assertRoundTrip(Status.VERB, up);
    assertEquals("""
        weft 0.1.0 on host1
               Range: 10.32.0.0/12
              Bridge: weft (up, MTU 1450, aa:bb:cc:dd:ee:00)
             Exposed: none
          Containers: 3""", up.text());
    Status.Reply absent = new Status.Reply("host1", "0.1.0", "10.32.0.0/12", Status.Bridge.absent("weft"), 0,
        Status.Space.NONE);
    assertRoundTrip(Status.VERB, absent);
    assertEquals(new JsonObject().put("name", "weft").put("present", false),
        absent.toJson().getJsonObject("bridge"));
  }

  @Test
  void statusIsOneRowOfAHostsTable() {
    Status.Reply fleet = new Status.Reply("host1", "0.1.0", "10.32.0.0/12",
        new Status.Bridge("weft", true, true, 1450, "aa:bb:cc:dd:ee:00", List.of(Cidr.parse("10.32.0.9/12"))),
        2, new Status.Space(2048, 4096, List.of("10.32.0.5 held twice")));
    assertEquals("""
        HOST      VERSION   RANGE          BRIDGE    EXPOSED        CONTAINERS   BLOCKS      CONFLICTS
        host1     0.1.0     10.32.0.0/12   up        10.32.0.9/12   2            2048/4096   1""",
        fleet.table().render());
  }

  @Test
  void statusOfALaunchedHostShowsItsBlocksAndAnyConflict() {
    Status.Reply fleet = new Status.Reply("host1", "0.1.0", "10.32.0.0/12",
        Status.Bridge.absent("weft"), 2, new Status.Space(2048, 4096,
            List.of("10.32.0.5 held by container db on host3 too; kept by container web on host1")));
    assertRoundTrip(Status.VERB, fleet);
    assertEquals("""
        weft 0.1.0 on host1
               Range: 10.32.0.0/12
              Bridge: weft (absent)
             Exposed: none
          Containers: 2
              Blocks: 2048 of 4096 owned here
           Conflicts: 10.32.0.5 held by container db on host3 too; kept by container web on host1""",
        fleet.text());
  }

  @Test
  void rmpeer() {
    RemovePeer.Reply removed = new RemovePeer.Reply("host3", 12, 4);
    assertRoundTrip(RemovePeer.VERB, removed);
    assertEquals("removed host3: its 12 address blocks are this host's now; 4 of its addresses were forgotten",
        removed.text());
  }

  private static <R extends Result> void assertRoundTrip(Verb<R> verb, R result) {
    JsonObject wire = new JsonObject(result.toJson().encode());
    assertEquals(result, verb.resultFromJson().apply(wire));
    assertEquals(result.text(), Verbs.resultOf(verb.name(), wire).text());
  }
}
