package io.weft.agent.hazelcast;

import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.replicatedmap.impl.ReplicatedMapService;
import com.hazelcast.spi.impl.AbstractDistributedObject;
import java.util.logging.Logger;

/**
 * This member's replicated-map partitions offered to every other member now, rather than at
 * Hazelcast's next anti-entropy round, which comes every 30 s and cannot be configured: a member
 * that joins, or a side of a split that merges back, has a copy with holes until then, and a put
 * made while its copy settles can miss it. A whole test run saw a host merge back and go 28 s
 * without another host's peer entry, and so without a path to that host's containers. Each member
 * sends each partition it owns only its version; a member behind asks for the data. Through
 * Hazelcast's internals, so here, behind the agent's one door to them: {@code ReplicaSyncTest}
 * fails if it stops working.
 */
public final class ReplicaSync {

  private static final Logger LOG = Logger.getLogger(ReplicaSync.class.getName());

  private ReplicaSync() {}

  /**
   * Offers this member's partitions of every replicated map (all share one service: {@code any}
   * of them names it) to the others; never throws.
   */
  public static void now(ReplicatedMap<?, ?> any) {
    try {
      if (any instanceof AbstractDistributedObject<?> proxy
          && proxy.getService() instanceof ReplicatedMapService service) {
        service.triggerAntiEntropy();
      } else {
        LOG.fine("replicated maps not synced at once: not the proxy this Hazelcast version had");
      }
    } catch (RuntimeException e) {
      LOG.fine("replicated maps not synced at once: " + e);
    }
  }
}
