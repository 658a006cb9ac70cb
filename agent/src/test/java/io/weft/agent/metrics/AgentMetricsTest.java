package io.weft.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The function counters read their sources for as long as the agent runs, garbage collections included. */
class AgentMetricsTest {

  @Test
  void aCounterReadThroughAMethodReferenceOutlivesAGarbageCollection() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AgentMetrics metrics = new AgentMetrics(registry);
    AtomicLong refused = new AtomicLong(7);
    AtomicLong turnedAway = new AtomicLong(3);
    AtomicLong dropped = new AtomicLong(2);
    // as the agent registers them: method references that nothing else holds
    metrics.refusedConnections(refused::get);
    metrics.refusedHandshakes(turnedAway::get);
    metrics.bridge(() -> 0, dropped::get);
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    refused.incrementAndGet();
    assertEquals(8, registry.get("weft.tls.refused").functionCounter().count());
    assertEquals(3, registry.get("weft.tls.handshakes.refused").functionCounter().count());
    assertEquals(2, registry.get("weft.bridge.dropped.events").functionCounter().count());
  }
}
