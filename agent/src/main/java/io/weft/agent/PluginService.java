package io.weft.agent;

import io.weft.agent.plugin.DockerPlugin;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.PluginContract;
import io.weft.docker.engine.DockerClients;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Docker's network plugin, served as soon as this host's part of the record is whole and before
 * anything waits on Docker's API: at boot, Docker answers only once the containers it starts
 * (those on weft among them, whose calls weft's managed plugin holds for the agent) have their
 * networks. Addresses Docker could not give back are found from the kernel and given back first,
 * and again now and then.
 */
final class PluginService implements Service {

  private static final Duration ENGINE_PROBE = Duration.ofSeconds(2);
  /** Longer than an engine takes to restore its containers. */
  private static final Duration ENGINE_BOUND = Duration.ofMinutes(5);

  private final Fleet fleet;
  private DockerPlugin plugin;
  private ExecutorService networks;

  PluginService(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public String name() {
    return "network plugin";
  }

  @Override
  public void start() throws Exception {
    AgentServices services = fleet.services();
    AgentArguments options = fleet.options();
    ExecutorService worker = fleet.worker();
    plugin = new DockerPlugin(fleet.node().vertx(), services.network(), services.commands(),
        services.book(), services.containers(), services.docker(), services.metrics(), options.name(),
        options.range(), options.stateDir(), fleet.events());
    worker.submit(plugin::releaseUnused).get();
    plugin.serve().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    fleet.log().say("serving Docker's network plugin at " + PluginContract.socket());
    fleet.schedule().every(AgentPeriods.RECONCILE, () -> worker.execute(plugin::releaseUnused));
    // At boot the engine answers only once the containers it restores have their networks,
    // which wait on this plugin: the networks Docker removed meanwhile are compared afterwards.
    networks = AgentThreads.single("weft-plugin-networks");
    networks.execute(() -> {
      long deadline = System.nanoTime() + ENGINE_BOUND.toNanos();
      while (!DockerClients.answers(ENGINE_PROBE)) {
        if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
          fleet.log().say("the Docker engine did not answer within " + ENGINE_BOUND.toSeconds()
              + " s: the Docker networks were not compared with the record");
          return;
        }
      }
      try {
        worker.submit(plugin::forgetRemovedNetworks).get();
      } catch (ExecutionException e) {
        fleet.log().say("could not compare the Docker networks with the record: " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Override
  public void stop() {
    if (networks != null) {
      networks.shutdownNow();
    }
    plugin.close();
  }

  DockerPlugin plugin() {
    return plugin;
  }

  /** Makes this host's Docker network {@code weft}, unless it has one; blocks, within a bound. */
  void ensureNetwork() {
    try {
      fleet.worker().submit(plugin::ensureNetwork).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      fleet.log().say("could not make the Docker network " + PluginContract.NETWORK + ": " + e.getMessage());
    }
  }
}
