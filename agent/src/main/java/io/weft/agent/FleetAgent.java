package io.weft.agent;

import com.github.dockerjava.api.DockerClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.weft.agent.alloc.FleetHoldings;
import io.weft.agent.alloc.HostRecord;
import io.weft.agent.cluster.ClusterNode;
import io.weft.agent.cluster.JoinCandidates;
import io.weft.agent.cluster.MapChanges;
import io.weft.agent.cluster.Members;
import io.weft.agent.cluster.MergeNotices;
import io.weft.agent.cluster.PeerNames;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.cluster.PeerView;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.events.ContainerWatch;
import io.weft.agent.host.Underlay;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.overlay.Overlay;
import io.weft.agent.plugin.DockerPlugin;
import io.weft.agent.state.StateFiles;
import io.weft.agent.tls.FleetKeys;
import io.weft.agent.wire.WireMap;
import io.weft.agent.wire.WireService;
import io.weft.agent.wireguard.WireGuardDevice;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.common.agent.AgentState;
import io.weft.common.agent.FleetPassword;
import io.weft.common.agent.PluginContract;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.EngineEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The long-running agent: joins the fleet, keeps the overlay in step with the peer map, and
 * serves until SIGTERM, when it takes its peer entry out and leaves. Prints its {@link
 * AgentReadyLine} once, when it is up; the launcher waits for that line.
 */
public final class FleetAgent {

  private static final long CONNECT_POLL_MILLIS = 1000;
  private static final long HEALTH_CHECK_MILLIS = 2000;
  private static final long RECONCILE_MILLIS = 60_000;
  private static final long REFRESH_MILLIS = 2000;
  private static final long REPUBLISH_MILLIS = 30_000;
  private static final long RECHECK_MILLIS = 10_000;
  private static final String NAME_FILE = "host-name";
  private static final Duration ENGINE_PROBE = Duration.ofSeconds(2);

  private final PrintStream out;

  FleetAgent(PrintStream out) {
    this.out = out;
  }

  /** Runs until the JVM is told to stop; returns only on a failure to start. */
  void run(AgentArguments given) throws Exception {
    Netlink host = Netlink.open();
    Underlay underlay = given.advertise() == null
        ? Underlay.detect(host) : Underlay.of(host, given.advertise());
    AgentArguments options = given.withDefaults(
        given.name() == null ? rememberedName(given.stateDir()) : null, underlay.address().address());
    refuseRangeOnUnderlay(options, underlay);
    List<String> launchPeers = options.peers().stream().map(PeerNames::resolve).toList();
    JoinCandidates candidates = new JoinCandidates(
        options.advertise().toString(), launchPeers, options.stateDir());
    HostRecord record = HostRecord.load(options.stateDir(), options.range());

    long deriving = System.nanoTime();
    FleetKeys keys = FleetKeys.derive(password(options.stateDir()), options.name(),
        options.advertise(), options.stateDir());
    say("fleet keys made in " + (System.nanoTime() - deriving) / 1_000_000 + " ms (fleet CA "
        + keys.fingerprint().substring(0, 16) + "...)");
    List<String> initial = candidates.initial();
    say("joining as " + options.name() + " at " + options.advertise() + " via "
        + (initial.isEmpty() ? "no peer (a new fleet)" : String.join(" ", initial)));
    ClusterNode node;
    try {
      node = ClusterNode.join(options, initial, keys, record.fleet().isEmpty());
    } catch (WeftException e) {
      if (e.code() == ErrorCode.FLEET_REFUSED) {
        out.println(AgentReadyLine.refused(e.getMessage()));
        out.flush();
      }
      throw e;
    }
    HazelcastInstance hazelcast = node.hazelcast();
    FleetEvents events = FleetEvents.on(node.vertx().eventBus(), options.name());
    AgentServices services = AgentServices.start(node.vertx(), hazelcast, options,
            underlay.address().subnet(), record, events, keys)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    services.metrics().refusedConnections(node::refusedConnections);

    // One thread for what the maps set off (reads that may wait, files), one for the overlay's
    // netlink work, so that a dead peer's tunnels go without waiting on a map; one for the
    // address record's follow-up, and one for containers getting their addresses back.
    ExecutorService worker = AgentThreads.single("weft-fleet");
    ExecutorService overlayThread = AgentThreads.single("weft-overlay");
    ExecutorService addressThread = AgentThreads.single("weft-addresses");
    ExecutorService reattaching = AgentThreads.single("weft-reattach");
    ScheduledExecutorService timer = AgentThreads.timer("weft-timer");
    Overlay overlay = new Overlay(host, NfTables.open(), underlay, WireGuardDevice.NAME);
    WireMap wireMap = new WireMap(hazelcast);
    WireService wire = new WireService(host, overlay, underlay, options.name(),
        own -> worker.execute(() -> wireMap.put(own)));
    Vtep vtep = overlayThread.submit(() -> WireStart.start(wire, wireMap, options, launchPeers.isEmpty(),
        services.docker())).get();
    PeerRegistry registry = new PeerRegistry(hazelcast, worker);
    OverlayFollower follower = new OverlayFollower(wire, overlayThread, registry::isLive,
        () -> Set.copyOf(services.book().removedHosts()));
    wireMap.watch(() -> worker.execute(() -> follower.wiresRead(wireMap.snapshot())));
    worker.submit(() -> follower.wiresRead(wireMap.snapshot())).get();
    PeerView view = new PeerView(options.stateDir(), options.name());
    candidates.follow(hazelcast, node::setJoinCandidates, worker);
    registry.watch(() -> {
      List<PeerRecord> peers = registry.snapshot();
      follower.peersRead(peers);
      view.write(peers);
      candidates.peersChanged(peers);
    });
    registry.watchDepartures(follower::memberLeft);
    Members members = new Members(hazelcast);
    // every member sees a death; the oldest alone reports it
    registry.watchDeaths(dead -> {
      if (members.isOldest()) {
        events.publish(FleetEvent.peerDead(dead.name(), options.name()));
      }
    });

    AddressFollower addresses = new AddressFollower(services.book(), services.commands(),
        members, initial.isEmpty(), candidates::forgetHost, events, addressThread);
    addressThread.submit(() -> addresses.start(hazelcast)).get();
    // a burst of attaches elsewhere becomes a few reads of the record, not one per address
    CoalescingTask readEndpoints = new CoalescingTask(worker,
        () -> follower.endpointsRead(services.book().holdings().endpoints()));
    hazelcast.getReplicatedMap(FleetHoldings.MAP).addEntryListener(new MapChanges<>(readEndpoints::request));
    readEndpoints.request();

    // Docker's network plugin, as soon as this host's part of the record is whole and before
    // anything waits on Docker's API: at boot, Docker answers only once the containers it starts
    // (those on weft among them) have their networks. Addresses Docker could not give back are
    // found from the kernel and given back first.
    DockerPlugin plugin = new DockerPlugin(node.vertx(), services.network(), services.commands(),
        services.book(), services.containers(), services.docker(), services.metrics(), options.name(),
        options.range(), options.stateDir(), events);
    worker.submit(plugin::releaseUnused).get();
    if (DockerClients.answers(ENGINE_PROBE)) {
      try {
        worker.submit(plugin::forgetRemovedNetworks).get();
      } catch (ExecutionException e) {
        say("could not compare the Docker networks with the record: " + e.getCause().getMessage());
      }
    } else {
      say("the Docker engine does not answer yet (booting?): serving its network plugin now");
    }
    plugin.serve().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    say("serving Docker's network plugin at " + PluginContract.socket());
    timer.scheduleAtFixedRate(plugin::releaseUnused, RECONCILE_MILLIS, RECONCILE_MILLIS, TimeUnit.MILLISECONDS);

    ContainerHealing healing = new ContainerHealing(services, options.name(), reattaching);
    FleetDns dns = FleetDns.start(node.vertx(), hazelcast, services, options.name(),
        options.range().subnet());
    ContainerWatch watch = new ContainerWatch(new EngineEvents(DockerClients.fromEnvironment()),
        options.name(), services.book(), id -> {
          healing.reattach(id);
          reattaching.execute(() -> plugin.tuneInterfaces(id));
        }, () -> {
          healing.reconcile();
          dns.reconcile();
        }, timer);
    watch.alsoTell(dns::containerEvent);
    watch.alsoTell(event -> reattaching.execute(() -> plugin.containerEvent(event)));
    watch.start();
    reattaching.submit(healing::reconcileNow).get();
    try {
      worker.submit(plugin::ensureNetwork).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      say("could not make the Docker network " + PluginContract.NETWORK + ": " + e.getMessage());
    }
    reattaching.execute(plugin::startWhatFailed);
    // An agent that booted alone and merged into the fleet later reconciled against a record
    // without the fleet's: now that it has it, reconcile again. And now and then regardless, in
    // case an event was lost.
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        healing.reconcile();
      }
    });
    timer.scheduleAtFixedRate(healing::reconcile, RECONCILE_MILLIS, RECONCILE_MILLIS, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(dns::reconcile, RECONCILE_MILLIS, RECONCILE_MILLIS, TimeUnit.MILLISECONDS);

    String health = overlayThread.submit(overlay::health).get();
    worker.submit(() -> registry.register(new PeerRecord(options.name(),
        options.advertise().toString(), underlay.address().subnet().toString(), vtep, WeftVersion.get(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), health, null))).get();
    events.publish(FleetEvent.peerJoined(options.name(), options.advertise().toString()));
    node.vertx().setPeriodic(CONNECT_POLL_MILLIS,
        id -> worker.execute(candidates::pollConnectFile));
    // Replicated maps filled again after a merge tell their listeners nothing of what came back:
    // the peer table, the overlay's entries and the address record are looked at again now and
    // then, and this host's connect targets entered again after a merge.
    node.vertx().setPeriodic(REFRESH_MILLIS, id -> {
      registry.refresh();
      readEndpoints.request();
      addresses.refresh();
    });
    // An entry put while a merge was still settling can miss the copy that owns it, and then
    // every copy: seen in the fault suite, once in ten splits, for minutes. Each host enters its
    // own entries again now and then, so such a gap closes within this period.
    // The kernel's forwarding entries are compared with the fleet's now and then, not only on a
    // change: a reconcile cut short by a netlink error, seen once in twenty faults, stays short.
    node.vertx().setPeriodic(RECHECK_MILLIS, id -> follower.recheck());
    CoalescingTask hearing = new CoalescingTask(overlayThread, wire::poll);
    node.vertx().setPeriodic(WireStart.POLL_MILLIS, id -> hearing.request());
    node.vertx().setPeriodic(REPUBLISH_MILLIS, id -> {
      addresses.republish();
      worker.execute(registry::republish);
      worker.execute(() -> wireMap.put(wire.own()));
      dns.republish();
    });
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        worker.execute(candidates::republish);
      }
    });
    new Members(hazelcast).onJoin(() -> worker.execute(candidates::republish));
    MergeNotices.follow(node.vertx(), hazelcast, options.name(), () -> {
      worker.execute(candidates::republish);
      worker.execute(registry::republish);
      worker.execute(() -> wireMap.put(wire.own()));
      addresses.republish();
      dns.republish();
    });
    // The peer table shows each host's overlay as its agent last found it in the kernel; an
    // overlay found broken twice in a row (a reset took the bridge away) is made again, entries
    // and all: the table shows what was wrong for a round before it is mended.
    boolean[] brokenBefore = new boolean[1];
    node.vertx().setPeriodic(HEALTH_CHECK_MILLIS, id -> overlayThread.execute(() -> {
      String now = overlay.health();
      boolean broken = !PeerRecord.HEALTHY.equals(now);
      if (broken && brokenBefore[0]) {
        now = repair(overlay, follower, now);
        broken = false;
      }
      brokenBefore[0] = broken;
      String reported = now;
      worker.execute(() -> registry.updateHealth(reported));
    }));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      events.publish(FleetEvent.peerLeft(options.name()));
      plugin.close();
      // only weft stop takes the data plane out of the fleet: a restart leaves the traffic flowing
      WireStart.leaveIfAsked(wire, wireMap, options, vtep, worker, overlayThread);
      leave(registry, node, worker);
      overlayThread.shutdownNow();
      timer.shutdownNow();
      stopped.countDown();
    }, "weft-leave"));
    out.println(AgentReadyLine.of(options.name(), options.advertise().toString(), node.clusterSize()));
    out.flush();
    stopped.await();
  }

  /** Makes the overlay again after something broke it; returns its health after. */
  private String repair(Overlay overlay, OverlayFollower follower, String broken) {
    try {
      overlay.start();
      follower.reapply();
      say("the overlay was broken (" + broken + "): made it again");
      return overlay.health();
    } catch (RuntimeException e) {
      return broken;
    }
  }

  private void leave(PeerRegistry registry, ClusterNode node, ExecutorService worker) {
    try {
      worker.submit(registry::deregister).get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      say("could not take this host out of the peer map: " + e);
    }
    try {
      node.close();
      say("left the fleet");
    } catch (Exception e) {
      say("leaving the fleet did not finish: " + e);
    }
    worker.shutdownNow();
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

  /** The fleet password launch put in the state volume; without it the agent cannot start. */
  private static FleetPassword password(Path stateDir) {
    Path file = stateDir.resolve(AgentState.PASSWORD_FILE);
    try {
      return FleetPassword.fromFile(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new WeftException(ErrorCode.AGENT_FAILED, "no fleet password in " + file
          + ": start the agent with weft launch, which puts it there");
    } catch (IOException e) {
      throw new WeftException(ErrorCode.AGENT_FAILED, "cannot read the fleet password in " + file
          + ": " + e.getMessage());
    }
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

  private void say(String line) {
    out.println("weft agent: " + line);
    out.flush();
  }
}
