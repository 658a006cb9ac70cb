package io.weft.agent;

import io.weft.agent.cluster.ClusterNode;
import io.weft.agent.cluster.JoinCandidates;
import io.weft.agent.cluster.PeerRegistry;
import io.weft.agent.host.Underlay;
import io.weft.common.agent.AgentArguments;
import io.weft.common.bus.FleetEvents;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every service of a joined agent is given: the options it was launched with, the cluster
 * and what the agent serves in it, and the agent's shared means of work (the worker thread, the
 * schedule, the republishing of entries, the log).
 *
 * @param underlay this host's underlay link and address
 * @param cluster the cluster as the services see it
 * @param registry the fleet's peer map
 * @param candidates the addresses the cluster is joined through
 * @param founding whether this host was given no peer: alone, it may found a fleet
 * @param worker the thread for what the maps set off: reads that may wait, files
 * @param timer the schedule's thread, for one-off waits
 * @param republishing where each kind of entry this host enters joins the fan-out
 * @param settling whether the fleet settles, for work that must run often only then
 */
record Fleet(AgentArguments options, Underlay underlay, ClusterNode node, ClusterView cluster,
    AgentServices services, FleetEvents events, PeerRegistry registry, JoinCandidates candidates,
    boolean founding, ExecutorService worker, Schedule schedule, ScheduledExecutorService timer,
    Republishing republishing, Settling settling, AgentLog log) {

  /** The fleet of an agent whose cluster and serving services have started. */
  static Fleet of(AgentArguments options, Underlay underlay, ClusterService joined,
      ServingService serving, AgentTimer timer, AgentLog log) {
    ClusterNode node = joined.node();
    HazelcastView cluster = new HazelcastView(node);
    Republishing republishing = new Republishing();
    republishing.follow(cluster, timer);
    Settling settling = new Settling();
    settling.follow(cluster);
    return new Fleet(options, underlay, node, cluster, serving.services(), joined.events(),
        new PeerRegistry(node.hazelcast(), joined.worker()), joined.candidates(), joined.founding(),
        joined.worker(), timer, timer.executor(), republishing, settling, log);
  }

  /** This host's name in the fleet. */
  String host() {
    return options.name();
  }
}
