package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.weft.agent.command.FakeHostKernel;
import io.weft.agent.dns.ContainerDirectory;
import io.weft.agent.dns.ContainerNames;
import io.weft.agent.dns.DnsAddress;
import io.weft.agent.dns.FleetNames;
import io.weft.agent.dns.NameIndex;
import io.weft.agent.dns.NameRecords;
import io.weft.agent.dns.NamedContainer;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.docker.engine.ContainerEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * host1's DNS kept, with its kernel, its engine and the fleet's map in memory, and both of its
 * threads run in place.
 */
class FleetDnsTest {

  private static final Cidr BRIDGE = Cidr.parse("10.32.0.1/12");
  private static final Ipv4 WEB = Ipv4.parse("10.32.0.5");
  private static final Ipv4 UPSTREAM = Ipv4.parse("192.0.2.53");

  private final Map<String, String> map = new ConcurrentHashMap<>();
  private final NameIndex index = new NameIndex(h -> true);
  private final FleetNames names = new FleetNames(new NameRecords("host1", map, null), index, "weft.local");
  private final Map<String, NamedContainer> docker = new HashMap<>();
  private final Map<String, List<Ipv4>> record = new HashMap<>();
  private final FakeHostKernel kernel = new FakeHostKernel();
  private final List<Ipv4> hostResolvers = new ArrayList<>(List.of(UPSTREAM));
  private final List<Ipv4> listened = new ArrayList<>();
  private Future<Void> listening = Future.succeededFuture();
  private final FleetDns dns = new FleetDns(names, containerNames(),
      new DnsAddress(kernel, List::of, kernel::expose), () -> List.copyOf(hostResolvers), Runnable::run,
      Runnable::run);

  private final LogLines logged = LogLines.of(FleetDns.class);
  private final List<String> warnings = logged.messages();

  {
    dns.answerWith(at -> {
      listened.add(at);
      return listening;
    });
  }

  @AfterEach
  void unhook() {
    logged.close();
  }

  private ContainerNames containerNames() {
    return new ContainerNames("weft.local", names.records(), new ContainerDirectory() {
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
        return Set.of();
      }
    }, id -> record.getOrDefault(id, List.of()), record::keySet, Runnable::run);
  }

  private void bridgeWith(Cidr address) {
    kernel.attachedBefore(999); // a bridge, with a container on it
    kernel.expose(List.of(address));
  }

  private List<Ipv4> lookup(String name) {
    index.sync(Map.copyOf(map));
    return index.addresses(name);
  }

  @Test
  void theServerAnswersAtTheBridgesAddressAndTheNamesSayWhere() {
    bridgeWith(BRIDGE);
    dns.keepAddress();
    assertEquals(List.of(BRIDGE.address()), listened);
    assertEquals(Optional.of(BRIDGE.address()), names.server());
    dns.keepAddress();
    assertEquals(1, listened.size(), "a server already there is not moved again");
  }

  @Test
  void withoutABridgeTheServerWaitsAndNothingIsAllocated() {
    dns.keepAddress();
    assertEquals(List.of(), listened);
    assertEquals(Optional.empty(), names.server());
  }

  @Test
  void aServerThatCannotListenIsSaidOnceAndTriedAgainEachRound() {
    bridgeWith(BRIDGE);
    listening = Future.failedFuture("port 53 is taken");
    dns.keepAddress();
    dns.keepAddress();
    assertEquals(2, listened.size());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("port 53 is taken"), warnings.get(0));
    listening = Future.succeededFuture();
    dns.keepAddress();
    assertEquals(Optional.of(BRIDGE.address()), names.server());
  }

  @Test
  void namesThatAreNotWeftsGoToTheHostsResolversButNeverToWeftsOwn() {
    bridgeWith(BRIDGE);
    hostResolvers.add(0, BRIDGE.address()); // the host's resolv.conf names weft's DNS itself
    dns.keepAddress();
    dns.readResolvers();
    assertEquals(List.of(UPSTREAM), dns.resolvers());
  }

  @Test
  void theResolversAreReadAgainEachRound() {
    dns.keepServing();
    assertEquals(List.of(UPSTREAM), dns.resolvers());
    hostResolvers.set(0, Ipv4.parse("198.51.100.53"));
    dns.keepServing();
    assertEquals(List.of(Ipv4.parse("198.51.100.53")), dns.resolvers());
  }

  @Test
  void dockersEventsMakeAContainerKnownAndUnknown() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true));
    record.put("c1", List.of(WEB));
    dns.containerEvent(new ContainerEvents.Event("start", "c1", 1));
    assertEquals(List.of(WEB), lookup("web.weft.local"));
    dns.containerEvent(new ContainerEvents.Event("die", "c1", 2));
    assertEquals(List.of(), lookup("web.weft.local"));
    dns.containerEvent(new ContainerEvents.Event("start", "c1", 3));
    assertEquals(List.of(WEB), lookup("web.weft.local"));
    docker.remove("c1");
    dns.containerEvent(new ContainerEvents.Event("destroy", "c1", 4));
    assertEquals(List.of(), lookup("web.weft.local"));
  }

  @Test
  void aContainerWeftAttachedIsLookedAtAgain() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true));
    record.put("c1", List.of(WEB));
    dns.containerChanged("c1");
    assertEquals(List.of(WEB), lookup("web.weft.local"));
  }

  @Test
  void aHostThatLeftTakesItsNamesWithIt() {
    new NameRecords("host2", map, null).register("c9", List.of("db.weft.local"), List.of(Ipv4.parse("10.32.1.9")));
    assertEquals(1, lookup("db.weft.local").size());
    dns.membersAre(Set.of("host1", "host2"));
    assertEquals(1, lookup("db.weft.local").size());
    dns.membersAre(Set.of("host1"));
    assertEquals(List.of(), lookup("db.weft.local"));
  }

  @Test
  void aRepublishPutsBackThisHostsEntriesACopyLost() {
    docker.put("c1", new NamedContainer("c1", "web", "web", "", true));
    record.put("c1", List.of(WEB));
    dns.containerChanged("c1");
    map.clear(); // the side that merged dropped its copy
    dns.republish();
    assertEquals(List.of(WEB), lookup("web.weft.local"));
  }
}
