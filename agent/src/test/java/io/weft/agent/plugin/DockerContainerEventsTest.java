package io.weft.agent.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.common.bus.FleetEvent;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.ContainerInfo.NetworkEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Containers Docker puts on weft's networks are told of as weft's own verbs' containers are. */
class DockerContainerEventsTest {

  private final List<FleetEvent> told = new ArrayList<>();
  private final DockerContainerEvents events = new DockerContainerEvents("host1", told::add);
  private static final Set<String> WEFTS = Set.of("weft", "weft-b");

  private static ContainerInfo container(boolean running, Map<String, NetworkEndpoint> networks) {
    return new ContainerInfo("3f2a9c0d1e2b44", "/web", running, running ? 42 : 0, "weft", Map.of(), networks);
  }

  @Test
  void aStartIsAttachedAConnectAddsAndADisconnectDetaches() {
    events.seen(container(true, Map.of("weft", new NetworkEndpoint("10.32.0.5", 12, null),
        "bridge", new NetworkEndpoint("172.17.0.2", 16, null))), WEFTS);
    events.seen(container(true, Map.of("weft", new NetworkEndpoint("10.32.0.5", 12, null),
        "weft-b", new NetworkEndpoint("10.40.0.2", 24, null))), WEFTS);
    events.seen(container(true, Map.of("weft-b", new NetworkEndpoint("10.40.0.2", 24, null))), WEFTS);

    assertEquals(List.of("attached [10.32.0.5/12]", "attached [10.40.0.2/24]", "detached [10.32.0.5/12]"),
        told.stream().map(DockerContainerEventsTest::line).toList());
    assertEquals("web", told.get(0).fields().getJsonObject("container").getString("name"));
  }

  @Test
  void aRemovedContainerIsDetachedOnceAndOneNeverOnWeftIsNotToldOf() {
    events.seen(container(true, Map.of("weft", new NetworkEndpoint("10.32.0.5", 12, null))), WEFTS);
    events.gone("3f2a9c0d1e2b44");
    events.gone("3f2a9c0d1e2b44");
    events.seen(container(true, Map.of("bridge", new NetworkEndpoint("172.17.0.2", 16, null))), WEFTS);

    assertEquals(List.of("attached [10.32.0.5/12]", "detached [10.32.0.5/12]"),
        told.stream().map(DockerContainerEventsTest::line).toList());
  }

  private static String line(FleetEvent e) {
    String key = e.kind() == FleetEvent.Kind.ATTACHED ? "added" : "removed";
    return e.kind().toString().toLowerCase() + " " + e.fields().getJsonArray(key).getList();
  }
}
