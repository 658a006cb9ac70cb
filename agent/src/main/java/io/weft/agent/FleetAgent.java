package io.weft.agent;

import com.github.dockerjava.api.DockerClient;
import io.weft.agent.cluster.StartTimes;
import io.weft.agent.host.Underlay;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.state.StateFiles;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.docker.engine.DockerClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The long-running agent: its services started in order, each once those it needs are up, and
 * stopped in the reverse order on SIGTERM, when it takes its peer entry out and leaves. Prints its
 * {@link AgentReadyLine} once, when every service is up; the launcher waits for that line.
 *
 * <p>A new service is one class implementing {@link Service} and one line below, where what it
 * needs has started: periodic work goes through the fleet's {@link Schedule}, and a kind of
 * entry in the fleet's replicated maps joins its {@link Republishing}.
 */
public final class FleetAgent {

  private static final String NAME_FILE = "host-name";

  private final PrintStream out;
  private final AgentLog log;

  FleetAgent(PrintStream out) {
    this.out = out;
    this.log = AgentLog.to(out);
  }

  /** Runs until the JVM is told to stop; returns only on a failure to start. */
  void run(AgentArguments given) throws Exception {
    StartTimes.jvmUp();
    StallWatch stalls = StallWatch.start();
    Netlink host = Netlink.open();
    Underlay underlay = given.advertise() == null
        ? Underlay.detect(host) : Underlay.of(host, given.advertise());
    AgentArguments options = given.withDefaults(
        given.name() == null ? rememberedName(given.stateDir()) : null, underlay.address().address());
    refuseRangeOnUnderlay(options, underlay);

    ServiceStack services = new ServiceStack();
    AgentTimer timer = services.start(new AgentTimer());
    ClusterService cluster = services.start(new ClusterService(options, out, log));
    ServingService serving = services.start(new ServingService(cluster, options, underlay.address().subnet()));
    stalls.watchCommands(serving.services().consumer()::runningSince);
    stalls.watchClusterWrites(serving.services().clusterWrites()::writingSince);
    Fleet fleet = Fleet.of(options, underlay, cluster, serving, timer, log);
    OverlayService overlay = services.start(new OverlayService(fleet, host));
    services.start(new WireEntry(fleet, overlay));
    services.start(new CredentialService(fleet));
    services.start(new PeerService(fleet, overlay.follower()));
    services.start(new SaltService(fleet, cluster));
    services.start(new AddressService(fleet, overlay.follower()));
    PluginService plugin = services.start(new PluginService(fleet));
    DnsService dns = services.start(new DnsService(fleet));
    services.start(new ContainerService(fleet, plugin, dns.dns()));
    services.start(new PeerEntry(fleet, overlay));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // first: while the services stop, the engine may be stopping wireguard-go's container too
      overlay.wire().leaving();
      services.stop();
      stopped.countDown();
    }, "weft-leave"));
    StartTimes.phase("ready");
    stalls.ready();
    out.println(AgentReadyLine.of(options.name(), options.advertise().toString(), fleet.cluster().size()));
    out.flush();
    stopped.await();
  }

  /**
   * The name this host took in the fleet when first launched without --name: its engine's, kept
   * in the state volume. An agent that Docker starts at boot must not wait on Docker's API, which
   * answers only once the containers it starts at boot (and so the network plugin) are up.
   */
  private static String rememberedName(Path stateDir) {
    Path file = stateDir.resolve(NAME_FILE);
    String kept = StateFiles.read(file).strip();
    if (!kept.isEmpty()) {
      return kept;
    }
    String name = engineName();
    StateFiles.write(file, name + "\n");
    return name;
  }

  private static String engineName() {
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      return docker.infoCmd().exec().getName();
    } catch (Exception e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "cannot ask the Docker engine for this host's name (give --name): " + e.getMessage());
    }
  }

  private static void refuseRangeOnUnderlay(AgentArguments options, Underlay underlay) {
    if (options.range().subnet().overlaps(underlay.address().subnet())) {
      throw new WeftException(ErrorCode.BAD_CIDR, "the range " + options.range()
          + " overlaps the hosts' own network " + underlay.address().subnet() + " on "
          + underlay.linkName() + "; choose another with --range");
    }
  }
}
