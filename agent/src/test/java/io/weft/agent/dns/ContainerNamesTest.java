package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.common.net.Ipv4;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContainerNamesTest {

  private static final Ipv4 A = Ipv4.parse("10.32.0.5");

  private final Map<String, NamedContainer> docker = new HashMap<>();
  private final Map<String, List<Ipv4>> record = new HashMap<>();
  private final Map<String, String> map = new HashMap<>();
  private final NameRecords records = new NameRecords("host1", map, null);
  private final NameIndex index = new NameIndex(h -> true);
  private final ContainerNames names = new ContainerNames("weft.local", records, new ContainerDirectory() {
    @Override
    public Optional<NamedContainer> find(String id) {
      return Optional.ofNullable(docker.get(id));
    }

    @Override
    public Set<String> runningIds() {
      return docker.values().stream().filter(NamedContainer::running).map(NamedContainer::id)
          .collect(Collectors.toSet());
    }

    @Override
    public Set<String> runningOnWeftNetworks() {
      return docker.values().stream().filter(c -> c.running() && !c.networkAddresses().isEmpty())
          .map(NamedContainer::id).collect(Collectors.toSet());
    }
  }, id -> record.getOrDefault(id, List.of()), record::keySet, Runnable::run);

  @Test
  void aContainerIsKnownByItsNameAndHostnameInTheDomain() {
    assertEquals(List.of("web.weft.local", "3f2a1b2c3d4e.weft.local"), ContainerNames.names(
        new NamedContainer("c1", "Web", "3f2a1b2c3d4e", "", true), "weft.local"));
    assertEquals(List.of("web.weft.local", "db.weft.local"), ContainerNames.names(
        new NamedContainer("c1", "web", "db.weft.local", null, true), "weft.local"));
    assertEquals(List.of("web.weft.local", "db.weft.local", "cache.weft.local"), ContainerNames.names(
        new NamedContainer("c1", "web", "db", "example.com", true, List.of(), List.of("cache", "bad name")),
        "weft.local"));
  }

  @Test
  void namesFollowTheContainerThroughStopStartAndRemoval() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true));
    record.put("c1", List.of(A));
    names.changed("c1");
    assertEquals(List.of(A), lookup("web.weft.local"));
    names.stopped("c1");
    assertEquals(List.of(), lookup("web.weft.local"));
    names.changed("c1"); // it started again and has its address back
    assertEquals(List.of(A), lookup("web.weft.local"));
    docker.remove("c1");
    names.removed("c1");
    assertEquals(List.of(), lookup("web.weft.local"));
  }

  @Test
  void aContainerWithoutAddressesOnWeftIsNotKnown() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true));
    names.changed("c1");
    assertEquals(List.of(), lookup("web.weft.local"));
  }

  @Test
  void aContainerOnAWeftDockerNetworkIsKnownByItsEndpointsAddressAndAliases() {
    docker.put("c1", new NamedContainer("c1", "web", "3f2a1b2c3d4e", "", true, List.of(A), List.of("frontend")));
    names.changed("c1"); // started, or connected
    assertEquals(List.of(A), lookup("web.weft.local"));
    assertEquals(List.of(A), lookup("frontend.weft.local"));
    assertEquals(List.of(A), lookup("3f2a1b2c3d4e.weft.local"));
    docker.put("c1", new NamedContainer("c1", "web", "3f2a1b2c3d4e", "", true)); // disconnected
    names.changed("c1");
    assertEquals(List.of(), lookup("frontend.weft.local"));
    assertEquals(List.of(), lookup("web.weft.local"));
  }

  @Test
  void aReconcileFindsContainersOnWeftDockerNetworksThatNoEventToldOf() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true, List.of(A), List.of("frontend")));
    docker.put("c2", new NamedContainer("c2", "other", "other", "", true)); // on no weft network
    names.reconcile();
    assertEquals(List.of(A), lookup("frontend.weft.local"));
    assertEquals(List.of(), lookup("other.weft.local"));
  }

  @Test
  void aReconcileDropsStoppedContainersAndAddsMissedOnes() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true));
    docker.put("c2", new NamedContainer("c2", "db", "db", "", true));
    record.put("c1", List.of(A));
    record.put("c2", List.of(Ipv4.parse("10.32.0.6")));
    names.changed("c1");
    docker.put("c1", new NamedContainer("c1", "web", "web", "", false)); // its die event was missed
    names.reconcile();
    assertEquals(List.of(), lookup("web.weft.local"));
    assertEquals(List.of(Ipv4.parse("10.32.0.6")), lookup("db.weft.local"));
  }

  private List<Ipv4> lookup(String name) {
    index.sync(map);
    return index.addresses(name);
  }
}
