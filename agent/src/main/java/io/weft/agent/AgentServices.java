package io.weft.agent;

import com.github.dockerjava.api.DockerClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.BlockDirectory;
import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.alloc.FleetHoldings;
import io.weft.agent.alloc.HostRecord;
import io.weft.agent.api.AgentApi;
import io.weft.agent.api.MetricsEndpoint;
import io.weft.agent.bridge.BridgeCredentials;
import io.weft.agent.bridge.BridgeServer;
import io.weft.agent.bridge.CredentialRegister;
import io.weft.agent.bridge.EventFeed;
import io.weft.agent.bridge.Revocations;
import io.weft.agent.bus.CommandConsumer;
import io.weft.agent.bus.FleetConsumer;
import io.weft.agent.bus.IpamClient;
import io.weft.agent.bus.IpamConsumer;
import io.weft.agent.cluster.Members;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.cluster.ClusterWrites;
import io.weft.agent.command.HostCommands;
import io.weft.agent.command.HostContext;
import io.weft.agent.dns.FleetNames;
import io.weft.agent.dns.LiveHosts;
import io.weft.agent.dns.NameIndex;
import io.weft.agent.dns.NameRecords;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.ports.PortRedirects;
import io.weft.agent.tls.ClientCredentials;
import io.weft.agent.tls.FleetKeys;
import io.weft.agent.wire.WireView;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentState;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.FleetEvents;
import io.weft.common.client.WeftClient;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.Containers;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.EngineContainers;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a joined agent serves: its host's commands on the bus, fleet questions, its address
 * blocks to the other agents, the local HTTP API, and metrics. Made once the cluster is joined.
 *
 * @param commands this host's command handler
 * @param book the fleet's address record as this host keeps its part
 * @param network this host's kernel, through rtnetlink
 * @param containers this host's Docker engine
 * @param docker the engine's client, for its event stream
 * @param metrics what the agent counts
 * @param names weft's DNS: this host's records and its copy of the fleet's
 * @param credentials the bridge credentials the fleet issued and revoked
 * @param consumer this host's commands from the bus, one at a time
 * @param clusterWrites the address record's writes to the fleet's maps, made behind the commands
 */
public record AgentServices(HostCommands commands, FleetAddressBook book, HostNetwork network,
    Containers containers, DockerClient docker, AgentMetrics metrics, FleetNames names,
    CredentialRegister credentials, CommandConsumer consumer, ClusterWrites clusterWrites) {

  private static final Duration ENGINE_BOUND = Duration.ofSeconds(20);

  /**
   * Makes the services and starts serving; completes once every consumer and server listens.
   *
   * @param underlay the network this host's underlay address is on
   * @param events where the fleet is told what happens here
   * @param keys this run's TLS identity, and the authority of the bridge's clients
   * @param ports where the bridge's public port goes once it listens
   */
  public static Future<AgentServices> start(Vertx vertx, HazelcastInstance hazelcast,
      AgentArguments options, Cidr underlay, HostRecord record, FleetEvents events, FleetKeys keys,
      PortRedirects ports) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("host", options.name());
    // the heap's use, read by the floods' benchmark (bench/run floods) and any scraper
    new JvmMemoryMetrics().bindTo(registry);
    AgentMetrics metrics = new AgentMetrics(registry);
    Members members = new Members(hazelcast);
    metrics.peers(members::size);

    // Every request to the engine is bounded: a hung engine must not hold the commands up for ever.
    DockerClient docker = DockerClients.fromEnvironment(ENGINE_BOUND);
    Containers containers = new EngineContainers(docker);
    HostNetwork network = new HostNetwork(Netlink.open());
    // written behind: a command must not wait, the record's lock held, on a partition owner out of reach
    ClusterWrites clusterWrites = new ClusterWrites(AgentThreads::single);
    FleetAddressBook book = new FleetAddressBook(options.name(), options.range(), record,
        new BlockDirectory(clusterWrites.behind("weft-blocks-writes",
            hazelcast.<String, String>getReplicatedMap(BlockDirectory.MAP))),
        new FleetHoldings(clusterWrites.behind("weft-holdings-writes",
            hazelcast.<String, String>getReplicatedMap(FleetHoldings.MAP))),
        new IpamClient(vertx.eventBus()), members::isLive, metrics::allocation);
    metrics.addressSpace(book::space);
    book.tell(events);
    // a host gone from the cluster whose peer entry is still there: its departure is still taken in
    ReplicatedMap<String, String> peerEntries = hazelcast.getReplicatedMap(PeerRegistry.MAP);
    book.removeOnlyOnceLeft(name -> !members.isLive(name) && peerEntries.containsKey(name));
    FleetNames names = new FleetNames(
        new NameRecords(options.name(), clusterWrites.behind("weft-dns-writes",
            hazelcast.<String, String>getReplicatedMap(NameRecords.MAP)),
            options.stateDir().resolve(AgentState.DNS_FILE), AgentThreads.single("weft-dns-file")),
        new NameIndex(LiveHosts.of(members)), options.dnsDomain());
    Map<String, String> peers = hazelcast.getReplicatedMap(PeerRegistry.MAP);
    HostCommands commands = new HostCommands(new HostContext(network, containers, book,
        options.range(), options.name(), () -> underlays(underlay, peers), names,
        () -> WireView.status(options.stateDir())), events);
    EventFeed feed = new EventFeed(vertx, options.name());
    CredentialRegister credentials = CredentialRegister.of(hazelcast,
        options.stateDir().resolve(AgentState.CREDENTIALS_FILE), new Revocations(),
        AgentThreads.single("weft-credentials"));
    BridgeServer bridge = new BridgeServer(vertx, options.name(), keys.tls().server(
        options.advertise().toString(), ports.bindPort(BridgeContract.PORT),
        keys.clients().authority()),
        keys.clients().authority(), credentials.revocations(), feed);
    metrics.bridge(bridge::clients, bridge::dropped);

    WeftClient client = new WeftClient(vertx.eventBus(), WeftClient.DEFAULT_TIMEOUT, "api:" + options.name());
    MetricsEndpoint.serve(vertx, registry);
    // the bridge serves no one before this host knows what the fleet revoked; the rest does not wait
    credentials.startThen(() -> bridge.listen().onSuccess(v -> vertx.executeBlocking(() -> {
      ports.redirect(BridgeContract.PORT, bridge.port());
      return null;
    })));
    CommandConsumer consumer = new CommandConsumer(vertx, options.name(), commands::execute, metrics);
    return Future.all(List.of(
            consumer.register(),
            new IpamConsumer(vertx, options.name(), book).register(),
            new FleetConsumer(vertx, () -> peerList(peers)).register(),
            feed.register(),
            new AgentApi(vertx, options.name(), client, feed, new BridgeCredentials(
                new ClientCredentials(keys.clients(), keys.tls()), credentials, options.name()),
                registry::scrape).listen()))
        .map(new AgentServices(commands, book, network, containers, docker, metrics, names, credentials,
            consumer, clusterWrites));
  }

  /** This host's underlay network and every other host's, as the peer map has them now. */
  private static List<Cidr> underlays(Cidr own, Map<String, String> peers) {
    Set<Cidr> all = new LinkedHashSet<>(List.of(own));
    for (String value : peers.values()) {
      try {
        String network = PeerRecord.fromJson(value).network();
        if (network != null) {
          all.add(Cidr.parse(network));
        }
      } catch (RuntimeException malformed) {
        // PeerRegistry says so in the log; an entry that does not read names no network
      }
    }
    return List.copyOf(all);
  }

  private static JsonArray peerList(Map<String, String> peers) {
    JsonArray list = new JsonArray();
    peers.values().forEach(value -> {
      try {
        list.add(new JsonObject(value));
      } catch (RuntimeException malformed) {
        // PeerRegistry says so in the log; the list leaves it out
      }
    });
    return list;
  }
}
