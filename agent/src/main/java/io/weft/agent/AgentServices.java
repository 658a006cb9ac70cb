package io.weft.agent;

import com.github.dockerjava.api.DockerClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.ClusterAddressBook;
import io.weft.agent.api.AgentApi;
import io.weft.agent.api.MetricsEndpoint;
import io.weft.agent.bus.CommandConsumer;
import io.weft.agent.bus.FleetConsumer;
import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.command.HostCommands;
import io.weft.agent.command.HostContext;
import io.weft.agent.events.AddressReconciler;
import io.weft.agent.events.ContainerEvents;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.agent.netlink.Netlink;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.client.WeftClient;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.Containers;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.EngineContainers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What a joined agent serves: its host's commands on the bus, fleet questions, the fleet's
 * address record, the local HTTP API, metrics, and the Docker events that free addresses.
 */
public final class AgentServices {

  private static final Logger LOG = Logger.getLogger(AgentServices.class.getName());

  private AgentServices() {}

  /** Starts them all; completes with the fleet's address record, which the overlay follows. */
  public static Future<ClusterAddressBook> start(
      Vertx vertx, HazelcastInstance hazelcast, String host, String advertise, AddressRange range) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("host", host);
    AgentMetrics metrics = new AgentMetrics(registry);
    Map<String, Object> peers = hazelcast.getMap(PeerRegistry.MAP);
    metrics.peers(peers::size);

    Netlink netlink = Netlink.open();
    DockerClient docker = DockerClients.fromEnvironment();
    Containers containers = new EngineContainers(docker);
    ClusterAddressBook book = new ClusterAddressBook(hazelcast.getMap(ClusterAddressBook.MAP), metrics::allocation);
    HostNetwork network = new HostNetwork(netlink);
    HostCommands commands = new HostCommands(new HostContext(network, containers, book, range, host));

    // containers that start get their addresses back, one at a time, off Docker's event thread
    ExecutorService reattaching = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "weft-reattach");
      thread.setDaemon(true);
      return thread;
    });
    Consumer<String> reattach = id -> reattaching.execute(() -> reattach(commands, id));
    ContainerEvents.watch(docker, host, book, reattach);
    Runnable reconcile = () -> {
      AddressReconciler.releaseVanished(book, containers, host);
      AddressReconciler.recordPresent(book, network, containers, host);
      AddressReconciler.reattachRunning(containers, reattach);
    };
    reconcile.run();
    // An agent that booted alone and merged into the fleet later reconciled against an empty
    // record at start: now that it holds the fleet's, reconcile again.
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        reattaching.execute(reconcile);
      }
    });

    WeftClient client = new WeftClient(vertx.eventBus());
    return Future.all(
            new CommandConsumer(vertx, host, commands::execute, metrics).register(),
            new FleetConsumer(vertx, () -> peerList(peers)).register(),
            new AgentApi(vertx, host, client).listen(),
            MetricsEndpoint.listen(vertx, registry, advertise))
        .map(book);
  }

  private static void reattach(HostCommands commands, String containerId) {
    try {
      List<Cidr> back = commands.reattach(containerId);
      if (!back.isEmpty()) {
        LOG.info("container " + containerId.substring(0, 12) + " started again: gave it back " + back);
      }
    } catch (WeftException e) {
      LOG.warning("container " + containerId.substring(0, 12) + " started, but did not get its addresses back: "
          + e.getMessage());
    }
  }

  private static JsonArray peerList(Map<String, Object> peers) {
    JsonArray list = new JsonArray();
    peers.values().forEach(value -> list.add(value instanceof String text ? new JsonObject(text) : value));
    return list;
  }
}
