package io.weft.agent;

import io.weft.agent.alloc.HostRecord;
import io.weft.agent.cluster.ClusterNode;
import io.weft.agent.cluster.ClusterPorts;
import io.weft.agent.cluster.JoinCandidates;
import io.weft.agent.cluster.PeerNames;
import io.weft.agent.cluster.StartTimes;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.ports.PortRedirects;
import io.weft.agent.tls.FleetKeys;
import io.weft.agent.tls.KeyResolution;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.common.agent.AgentState;
import io.weft.common.agent.FleetPassword;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.FleetEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The agent in the cluster: the fleet's keys made from its password and the fleet's salt (learned
 * from a candidate when this host joins: {@link KeyResolution}), the cluster joined through every
 * peer it knows (or founded, given none), and left when the agent stops. A fleet that refuses
 * this host is told of on the line the launcher waits for.
 */
final class ClusterService implements Service {

  private final AgentArguments options;
  private final PrintStream out;
  private final AgentLog log;
  private JoinCandidates candidates;
  private HostRecord record;
  private KeyResolution keyResolution;
  private FleetKeys keys;
  private boolean founding;
  private ClusterNode node;
  private FleetEvents events;
  /** For what the maps set off (reads that may wait, files): never Hazelcast's own threads. */
  private final ExecutorService worker = AgentThreads.single("weft-fleet");

  ClusterService(AgentArguments options, PrintStream out, AgentLog log) {
    this.options = options;
    this.out = out;
    this.log = log;
  }

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public void start() throws Exception {
    List<String> launchPeers = options.peers().stream().map(PeerNames::resolve).toList();
    candidates = new JoinCandidates(options.advertise().toString(), launchPeers, options.stateDir());
    record = HostRecord.load(options.stateDir(), options.range());

    List<String> initial = candidates.initial();
    founding = initial.isEmpty();
    long deriving = System.nanoTime();
    keyResolution = new KeyResolution(options.stateDir(), password(options.stateDir()),
        List.of(ClusterPorts.MEMBERS, ClusterPorts.EVENT_BUS), log::say);
    try {
      // a joining host learns its fleet's salt from a candidate, and is refused here when that
      // fleet's certificates are not of its password
      keys = FleetKeys.of(keyResolution.resolve(initial, record.fleet().isEmpty(),
          !candidates.hasSeenPeers()), options.name(), options.advertise());
      log.say("fleet keys made in " + (System.nanoTime() - deriving) / 1_000_000 + " ms (fleet CA "
          + keys.fingerprint().substring(0, 16) + "...)");
      StartTimes.phase("keys");
      log.say("joining as " + options.name() + " at " + options.advertise() + " via "
          + (founding ? "no peer (a new fleet)" : String.join(" ", initial)));
      node = ClusterNode.join(options, initial, keys, record.fleet().isEmpty(),
          PortRedirects.open(NfTables.open(), options.advertise(),
              List.of(ClusterPorts.MEMBERS, ClusterPorts.EVENT_BUS, BridgeContract.PORT), log::say));
    } catch (WeftException e) {
      if (e.code() == ErrorCode.FLEET_REFUSED) {
        out.println(AgentReadyLine.refused(e.getMessage()));
        out.flush();
      }
      throw e;
    }
    events = FleetEvents.on(node.vertx().eventBus(), options.name());
  }

  @Override
  public void stop() {
    try {
      node.close();
      log.say("left the fleet");
    } catch (Exception e) {
      log.say("leaving the fleet did not finish: " + e);
    }
    worker.shutdownNow();
  }

  ClusterNode node() {
    return node;
  }

  /** Where the fleet is told what happens on this host. */
  FleetEvents events() {
    return events;
  }

  ExecutorService worker() {
    return worker;
  }

  FleetKeys keys() {
    return keys;
  }

  /** How this start came by the fleet's salt and keys; asked again when the salt may move. */
  KeyResolution keyResolution() {
    return keyResolution;
  }

  /** The addresses the cluster is joined through, and which the node is told of as they change. */
  JoinCandidates candidates() {
    return candidates;
  }

  /** This host's part of the address record, as the state volume kept it. */
  HostRecord record() {
    return record;
  }

  /** Whether this host was given no peer to join: alone, it may found a fleet. */
  boolean founding() {
    return founding;
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
}
