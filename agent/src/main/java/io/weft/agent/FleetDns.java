package io.weft.agent;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Vertx;
import io.weft.agent.alloc.Owner;
import io.weft.agent.cluster.Members;
import io.weft.agent.dns.ContainerNames;
import io.weft.agent.dns.DnsAddress;
import io.weft.agent.dns.DnsGuard;
import io.weft.agent.dns.DnsServer;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.dns.EngineDirectory;
import io.weft.agent.dns.FleetNames;
import io.weft.agent.dns.HostResolvConf;
import io.weft.agent.dns.IndexFollower;
import io.weft.agent.dns.NameRecords;
import io.weft.agent.dns.QueryAnswerer;
import io.weft.common.command.Expose;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.docker.engine.ContainerEvents;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * weft's DNS on a launched agent, put together: the server on the bridge's DNS address, the
 * index of the fleet's names it answers from, this host's containers' names kept in step with
 * Docker, and this host's entries entered again wherever the fleet's map lacks them. Two threads
 * of its own: one for the index and the map (never waits on Docker), one for what asks Docker or
 * the kernel.
 */
final class FleetDns {

  private static final Logger LOG = Logger.getLogger(FleetDns.class.getName());
  private static final long KEEP_MILLIS = 2000;

  private final FleetNames names;
  private final IndexFollower index;
  private final ContainerNames containers;
  private final DnsAddress address;
  private final DnsServer server;
  private final HostResolvConf resolvConf = HostResolvConf.ofHost();
  private final ExecutorService indexThread;
  private final ExecutorService dockerThread;
  private volatile List<Ipv4> resolvers = List.of();
  private String lastFailure;

  private FleetDns(AgentServices services, HazelcastInstance hazelcast, String host, Cidr range,
      ExecutorService indexThread, ExecutorService dockerThread) {
    this.names = services.names();
    this.indexThread = indexThread;
    this.dockerThread = dockerThread;
    this.index = IndexFollower.follow(hazelcast.getReplicatedMap(NameRecords.MAP), names.index(), indexThread);
    this.containers = new ContainerNames(names.domain(), names.records(),
        new EngineDirectory(services.docker()),
        id -> services.book().heldBy(new Owner(host, id)).stream().map(Cidr::address).toList(),
        services.book()::containers, dockerThread);
    this.address = new DnsAddress(services.network(),
        () -> services.book().heldBy(Owner.bridgeOf(host)),
        cidrs -> ((Expose.Reply) services.commands().execute(new Expose(cidrs))).added());
    this.server = new DnsServer(new QueryAnswerer(names.index(), names.domain(), range), this::resolvers,
        new DnsGuard(NfTables.open()));
    names.onWanted(() -> dockerThread.execute(this::keepAddress));
    services.commands().onContainerChange(id -> {
      if (id == null) {
        containers.changedAll();
      } else {
        containers.changed(id);
      }
    });
  }

  /** Starts serving; returns once the server is up and, when it could have one, on its address. */
  static FleetDns start(Vertx vertx, HazelcastInstance hazelcast, AgentServices services,
      String host, Cidr range) throws Exception {
    FleetDns dns = new FleetDns(services, hazelcast, host, range, AgentThreads.single("weft-dns"),
        AgentThreads.single("weft-dns-docker"));
    vertx.deployVerticle(dns.server).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    dns.indexThread.submit(dns::readResolvers).get();
    dns.dockerThread.submit(dns::keepAddress).get();
    Members members = new Members(hazelcast);
    // a host that left takes its names with it: every member drops them from its copy
    members.onChange(() -> dns.indexThread.execute(() -> dns.names.records().dropAbsent(members.hosts())));
    members.onJoin(dns::republish);
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        dns.republish();
        dns.containers.reconcile();
      }
    });
    vertx.setPeriodic(KEEP_MILLIS, id -> {
      dns.index.sync();
      dns.indexThread.execute(dns.names.records()::keepInStep);
      dns.indexThread.execute(dns::readResolvers);
      dns.dockerThread.execute(dns::keepAddress);
    });
    dns.containers.reconcile();
    return dns;
  }

  /**
   * A Docker event of this host: a container that stops or goes is known no more; one that
   * starts, or is connected to or disconnected from a network, is looked at again. Docker's
   * plugin calls never name the container, so this is how one on a weft Docker network becomes
   * known, aliases and all; one weft attached is told of again once its reattach is done.
   */
  void containerEvent(ContainerEvents.Event event) {
    switch (event.action()) {
      case "die" -> containers.stopped(event.containerId());
      case "destroy" -> containers.removed(event.containerId());
      case "start", "connect", "disconnect" -> containers.changed(event.containerId());
      default -> { }
    }
  }

  /** Looks at every container again: events may have been missed. */
  void reconcile() {
    containers.reconcile();
  }

  /** Enters this host's entries again, for copies that lack them, and drops its stale ones. */
  void republish() {
    indexThread.execute(names.records()::republish);
  }


  private List<Ipv4> resolvers() {
    Ipv4 own = server.address();
    return resolvers.stream().filter(r -> !r.equals(own)).toList();
  }

  private void readResolvers() {
    resolvers = resolvConf.nameservers();
  }

  private void keepAddress() {
    try {
      Optional<Cidr> kept = address.keep(names.wanted());
      if (kept.isPresent() && !kept.get().address().equals(server.address())) {
        server.listenOn(kept.get().address()).toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        names.serveAt(kept.get().address());
      }
    } catch (Exception e) {
      // said once, not every round: a port 53 taken by another server stays taken
      if (!String.valueOf(e).equals(lastFailure)) {
        lastFailure = String.valueOf(e);
        LOG.warning("weft's DNS cannot answer on the bridge yet: " + e);
      }
    }
  }
}
