package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The peer map's entries, as every agent writes and reads them. */
class PeerRecordTest {

  private static final PeerRecord HOST2 = new PeerRecord("host2", "172.29.0.12", "172.29.0.0/24",
      new Vtep("aa:bb:cc:00:00:02", 6783, 4789), "0.1.0", "2026-11-28T18:00:00Z",
      "degraded: vxlan-weft is down", "uuid-2");

  @Test
  void anEntryReadsBackAsWritten() {
    assertEquals(HOST2, PeerRecord.fromJson(HOST2.toJson().encode()));
  }

  @Test
  void theTunnelEndpointIsOneObject() {
    assertEquals(new JsonObject().put("mac", "aa:bb:cc:00:00:02").put("vni", 6783).put("port", 4789),
        HOST2.toJson().getJsonObject("vtep"));
  }

  @Test
  void anEntryWithoutHealthIsTakenAsHealthy() {
    JsonObject old = HOST2.toJson();
    old.remove("health");
    assertEquals(PeerRecord.HEALTHY, PeerRecord.fromJson(old.encode()).health());
  }

  @Test
  void anOlderAgentsEntryHasNoNetwork() {
    JsonObject old = HOST2.toJson();
    old.remove("network");
    assertEquals(null, PeerRecord.fromJson(old.encode()).network());
  }

  @Test
  void healthAndMemberChangeAloneWhenReplaced() {
    PeerRecord changed = HOST2.withHealth(PeerRecord.HEALTHY).withMember("uuid-3");
    assertEquals(PeerRecord.HEALTHY, changed.health());
    assertEquals("uuid-3", changed.member());
    assertEquals(HOST2.vtep(), changed.vtep());
    assertEquals(HOST2.since(), changed.since());
  }
}
