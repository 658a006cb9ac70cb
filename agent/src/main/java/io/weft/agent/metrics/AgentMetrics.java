package io.weft.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.weft.agent.alloc.AddressSpace;
import io.weft.common.ErrorCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * What the agent counts, through Micrometer: commands (count and latency by verb, failures by
 * code), allocations, peers, the address blocks this host owns and the addresses the fleet's
 * record shows held twice, connections refused at the TLS handshake. The registry decides where
 * it goes (Prometheus in the agent).
 */
public final class AgentMetrics {

  private final MeterRegistry registry;
  /**
   * What the function counters read. Micrometer holds a function counter's source weakly: a
   * method reference no one else keeps is collected, and its counter reads 0 from then on.
   */
  private final List<LongSupplier> counted = new CopyOnWriteArrayList<>();

  public AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts nothing anywhere: for one-shot commands and tests. */
  public static AgentMetrics none() {
    return new AgentMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One command done: {@code code} null for success. */
  public void command(String verb, ErrorCode code, long nanos) {
    Timer.builder("weft.commands")
        .description("commands carried out on this host")
        .tag("verb", verb)
        .tag("result", code == null ? "ok" : code.name())
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One call of Docker's to the network plugin answered: {@code refused} when it got an error. */
  public void pluginCall(String call, boolean refused, long nanos) {
    Timer.builder("weft.plugin.calls")
        .description("Docker's calls to weft's network and IPAM plugin")
        .tag("call", call)
        .tag("result", refused ? "refused" : "ok")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void allocation() {
    registry.counter("weft.allocations").increment();
  }

  public void peers(Supplier<Number> count) {
    Gauge.builder("weft.peers", count).description("members of the fleet")
        .register(registry);
  }

  /** Connections to Hazelcast dropped at the TLS handshake: strangers, hosts of other fleets. */
  public void refusedConnections(LongSupplier count) {
    counted.add(count);
    FunctionCounter.builder("weft.tls.refused", count, c -> c.getAsLong())
        .description("connections to the member port dropped at the TLS handshake").register(registry);
  }

  /**
   * Connections to Hazelcast, the event bus and the bridge closed as accepted: too many
   * handshakes under way.
   */
  public void refusedHandshakes(LongSupplier count) {
    counted.add(count);
    FunctionCounter.builder("weft.tls.handshakes.refused", count, c -> c.getAsLong())
        .description("connections to the member port, the event bus and the bridge closed as accepted, for too many"
            + " TLS handshakes under way from their address or in all").register(registry);
  }

  /** The bridge's connected clients, and the events it dropped for clients too slow to read. */
  public void bridge(Supplier<Number> clients, LongSupplier dropped) {
    Gauge.builder("weft.bridge.clients", clients).description("clients connected to the bridge")
        .register(registry);
    counted.add(dropped);
    FunctionCounter.builder("weft.bridge.dropped.events", dropped, d -> d.getAsLong())
        .description("events dropped for bridge clients that read too slowly").register(registry);
  }

  /** The blocks this host owns and the addresses held twice, read at every scrape. */
  public void addressSpace(Supplier<AddressSpace> space) {
    Gauge.builder("weft.blocks.owned", () -> space.get().blocksOwned())
        .description("address blocks this host owns").register(registry);
    Gauge.builder("weft.address.conflicts", () -> space.get().conflicts().size())
        .description("addresses the fleet's record shows held by more than one holder")
        .register(registry);
  }
}
