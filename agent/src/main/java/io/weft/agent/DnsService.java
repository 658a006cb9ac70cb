package io.weft.agent;

import io.weft.agent.alloc.Owner;
import io.weft.agent.dns.ContainerNames;
import io.weft.agent.dns.DnsAddress;
import io.weft.agent.dns.DnsGuard;
import io.weft.agent.dns.DnsServer;
import io.weft.agent.dns.EngineDirectory;
import io.weft.agent.dns.FleetNames;
import io.weft.agent.dns.HostResolvConf;
import io.weft.agent.dns.IndexFollower;
import io.weft.agent.dns.NameRecords;
import io.weft.agent.dns.QueryAnswerer;
import io.weft.agent.netlink.NfTables;
import io.weft.common.command.Expose;
import io.weft.common.net.Cidr;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * weft's DNS on a launched agent ({@link FleetDns}), made and wired: its server deployed, the
 * index of the fleet's names it answers from kept in step with the map, and the cluster's news,
 * the republishing and the periods handed to it. Starts once the server is up and, when it could
 * have one, on its address.
 */
final class DnsService implements Service {

  private final Fleet fleet;
  private final ExecutorService indexThread = AgentThreads.single("weft-dns");
  private final ExecutorService dockerThread = AgentThreads.single("weft-dns-docker");
  private FleetDns dns;

  DnsService(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public String name() {
    return "DNS";
  }

  @Override
  public void start() throws Exception {
    AgentServices services = fleet.services();
    FleetNames names = services.names();
    String host = fleet.host();
    IndexFollower index = IndexFollower.follow(fleet.node().hazelcast().getReplicatedMap(NameRecords.MAP),
        names.index(), indexThread);
    ContainerNames containers = new ContainerNames(names.domain(), names.records(),
        new EngineDirectory(services.docker()),
        id -> services.book().heldBy(new Owner(host, id)).stream().map(Cidr::address).toList(),
        services.book()::containers, dockerThread);
    DnsAddress address = new DnsAddress(services.network(),
        () -> services.book().heldBy(Owner.bridgeOf(host)),
        cidrs -> ((Expose.Reply) services.commands().execute(new Expose(cidrs))).added());
    dns = new FleetDns(names, containers, address, HostResolvConf.ofHost()::nameservers, indexThread,
        dockerThread);
    DnsServer server = new DnsServer(
        new QueryAnswerer(names.index(), names.domain(), fleet.options().range().subnet()), dns::resolvers,
        new DnsGuard(NfTables.open()));
    dns.answerWith(server::listenOn);
    names.onWanted(dns::wanted);
    services.commands().onContainerChange(dns::containerChanged);
    fleet.node().vertx().deployVerticle(server).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    indexThread.submit(dns::readResolvers).get();
    dockerThread.submit(dns::keepAddress).get();
    ClusterView cluster = fleet.cluster();
    cluster.onChange(() -> dns.membersAre(cluster.hosts()));
    fleet.republishing().add(dns::republish);
    // the side that merged looked at its containers against a record without the fleet's
    cluster.onMerged(dns::reconcile);
    fleet.schedule().every(AgentPeriods.DNS_KEEP, dns::keepServing);
    fleet.schedule().every(AgentPeriods.DNS_KEEP, fleet.settling().gate(AgentPeriods.REFRESH_AT_REST, () -> {
      index.sync();
      dns.keepEntries();
    }));
    fleet.schedule().every(AgentPeriods.RECONCILE, dns::reconcile);
    dns.reconcile();
  }

  @Override
  public void stop() {
    indexThread.shutdownNow();
    dockerThread.shutdownNow();
  }

  /** Docker's events and reconciles go to it. */
  FleetDns dns() {
    return dns;
  }
}
