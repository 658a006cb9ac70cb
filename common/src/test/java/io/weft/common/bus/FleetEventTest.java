package io.weft.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.WeftException;
import io.weft.common.command.ContainerView;
import io.weft.common.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetEventTest {

  @Test
  void anEventReadsBackFromItsJsonAndKeepsFieldsItDoesNotKnow() {
    FleetEvent attached = FleetEvent.attached("host2",
        new ContainerView("3f2a1b2c3d4e", "web", "ethwe", List.of(Cidr.parse("10.32.0.5/12"))),
        List.of(Cidr.parse("10.32.0.5/12")));
    JsonObject json = attached.toJson();
    assertEquals("attached", json.getString("event"));
    assertEquals("host2", json.getString("host"));
    assertEquals(attached, FleetEvent.fromJson(json));
    JsonObject newer = json.copy().put("later", 1);
    assertEquals(1, FleetEvent.fromJson(newer).toJson().getInteger("later"));
  }

  @Test
  void eachKindHasALineForPeople() {
    assertTrue(FleetEvent.peerDead("host3", "host1").line().endsWith("host3 peer-dead (noticed by host1)"));
    assertTrue(FleetEvent.blocksGiven("host1", 4, "host2").line().endsWith("host1 blocks-given 4 to host2"));
    assertTrue(FleetEvent.conflict("host2", Cidr.parse("10.32.0.9/12"),
        new JsonObject().put("host", "host1").put("container", "a"),
        new JsonObject().put("host", "host2").put("container", "b"), List.of(Cidr.parse("10.32.0.10/12")))
        .line().endsWith("10.32.0.9/12: a@host1 keeps it, b@host2 now has 10.32.0.10/12"));
  }

  @Test
  void somethingThatIsNotAnEventIsABadRequest() {
    assertThrows(WeftException.class, () -> FleetEvent.fromJson(new JsonObject().put("event", "teleported")));
    assertThrows(WeftException.class, () -> FleetEvent.fromJson(new JsonObject().put("event", "attached")));
  }
}
