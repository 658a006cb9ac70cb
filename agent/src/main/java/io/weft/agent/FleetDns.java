package io.weft.agent;

import io.vertx.core.Future;
import io.weft.agent.dns.ContainerNames;
import io.weft.agent.dns.DnsAddress;
import io.weft.agent.dns.FleetNames;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.docker.engine.ContainerEvents;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * weft's DNS on a launched agent, kept: the server on the bridge's DNS address, this host's
 * containers' names in step with Docker, its entries in the fleet's map, and the host's
 * resolvers, which the server forwards other names to. Two threads: one for the index and the
 * map (never waits on Docker), one for what asks Docker or the kernel; {@link DnsService} makes
 * the parts and wires them to the cluster.
 */
final class FleetDns {

  private static final Logger LOG = Logger.getLogger(FleetDns.class.getName());
  private static final long LISTEN_BOUND_SECONDS = 10;

  private final FleetNames names;
  private final ContainerNames containers;
  private final DnsAddress address;
  private final Supplier<List<Ipv4>> hostResolvers;
  private final Executor indexThread;
  private final Executor dockerThread;
  private Function<Ipv4, Future<Void>> listenOn = at -> Future.failedFuture("no DNS server yet");
  private volatile Ipv4 servingAt;
  private volatile List<Ipv4> resolvers = List.of();
  private String lastFailure;

  /**
   * @param address keeps the bridge's DNS address
   * @param hostResolvers the host's resolvers, as its resolv.conf has them now
   */
  FleetDns(FleetNames names, ContainerNames containers, DnsAddress address,
      Supplier<List<Ipv4>> hostResolvers, Executor indexThread, Executor dockerThread) {
    this.names = names;
    this.containers = containers;
    this.address = address;
    this.hostResolvers = hostResolvers;
    this.indexThread = indexThread;
    this.dockerThread = dockerThread;
  }

  /** The server that answers: {@code listenOn} moves it to an address (port 53). */
  void answerWith(Function<Ipv4, Future<Void>> listenOn) {
    this.listenOn = listenOn;
  }

  /** Where names that are not weft's go: the host's resolvers, but never weft's DNS itself. */
  List<Ipv4> resolvers() {
    Ipv4 own = servingAt;
    return resolvers.stream().filter(r -> !r.equals(own)).toList();
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

  /** A container weft changed (null: every container, after a reset) is looked at again. */
  void containerChanged(String id) {
    if (id == null) {
      containers.changedAll();
    } else {
      containers.changed(id);
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

  /** The members changed: a host that left takes its names with it, from every member's copy. */
  void membersAre(Set<String> hosts) {
    indexThread.execute(() -> names.records().dropAbsent(hosts));
  }

  /** Now and then: the resolvers and the address read again. */
  void keepServing() {
    indexThread.execute(this::readResolvers);
    dockerThread.execute(this::keepAddress);
  }

  /** Now and then: this host's entries in step with the map. */
  void keepEntries() {
    indexThread.execute(names.records()::keepInStep);
  }

  /** The address kept now, on the Docker thread: someone asked for DNS. */
  void wanted() {
    dockerThread.execute(this::keepAddress);
  }

  void readResolvers() {
    resolvers = hostResolvers.get();
  }

  /** Puts the DNS address back on the bridge when it went, and the server on it when it moved. */
  void keepAddress() {
    try {
      Optional<Cidr> kept = address.keep(names.wanted());
      if (kept.isPresent() && !kept.get().address().equals(servingAt)) {
        Ipv4 at = kept.get().address();
        listenOn.apply(at).toCompletionStage().toCompletableFuture().get(LISTEN_BOUND_SECONDS, TimeUnit.SECONDS);
        servingAt = at;
        names.serveAt(at);
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
