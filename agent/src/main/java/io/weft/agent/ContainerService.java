package io.weft.agent;

import io.weft.agent.events.ContainerWatch;
import io.weft.agent.plugin.DockerPlugin;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.EngineEvents;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * This host's containers followed through Docker's events: each that starts gets its addresses
 * back ({@link ContainerHealing}) and weft's ARP settings, and DNS and the plugin hear of every
 * event. Then every container is looked at once, the Docker network {@code weft} made when
 * missing, and what Docker could not start without weft started; and all of it again now and
 * then, and after a merge, in case an event was lost.
 */
final class ContainerService implements Service {

  private final Fleet fleet;
  private final PluginService plugins;
  private final FleetDns dns;
  private final ExecutorService reattaching = AgentThreads.single("weft-reattach");
  private ContainerWatch watch;

  ContainerService(Fleet fleet, PluginService plugins, FleetDns dns) {
    this.fleet = fleet;
    this.plugins = plugins;
    this.dns = dns;
  }

  @Override
  public String name() {
    return "containers";
  }

  @Override
  public void start() throws Exception {
    DockerPlugin plugin = plugins.plugin();
    AgentServices services = fleet.services();
    ContainerHealing healing = new ContainerHealing(services.commands(), services.book(), services.network(),
        services.containers(), fleet.host(), reattaching);
    watch = new ContainerWatch(new EngineEvents(DockerClients.fromEnvironment()), fleet.host(),
        services.book(), id -> {
          healing.reattach(id);
          reattaching.execute(() -> plugin.tuneInterfaces(id));
        }, () -> {
          healing.reconcile();
          dns.reconcile();
        }, fleet.timer());
    watch.alsoTell(dns::containerEvent);
    watch.alsoTell(event -> reattaching.execute(() -> plugin.containerEvent(event)));
    watch.start();
    reattaching.submit(healing::reconcileNow).get();
    plugins.ensureNetwork();
    reattaching.execute(plugin::startWhatFailed);
    // an agent that booted alone and merged into the fleet later reconciled against a record
    // without the fleet's: now that it has it, reconcile again
    fleet.cluster().onMerged(healing::reconcile);
    fleet.schedule().every(AgentPeriods.RECONCILE, healing::reconcile);
  }

  @Override
  public void stop() {
    try {
      watch.close();
    } catch (IOException e) {
      // the agent is going: the stream goes with it
    }
    reattaching.shutdownNow();
  }
}
