package io.weft.agent.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Vertx;
import io.weft.common.bus.BusAddresses;
import java.util.logging.Logger;

/**
 * After a split heals, the members of the side that merged start with their copies of the
 * replicated maps dropped, filled again only by Hazelcast's anti-entropy every 30 s. So each of
 * them, once merged, tells every agent on the bus ({@value BusAddresses#MERGED}), and every
 * agent, on either side, enters its own entries again: every copy is whole within seconds.
 * Told twice, a little apart, in case the bus's subscriptions were still settling the first time.
 */
public final class MergeNotices {

  private static final Logger LOG = Logger.getLogger(MergeNotices.class.getName());
  private static final long[] AFTER_MILLIS = {500, 3000};

  private MergeNotices() {}

  /** Announces this host's merges, and runs {@code republish} on any host's, on {@code vertx}'s threads. */
  public static void follow(Vertx vertx, HazelcastInstance hazelcast, String host, Runnable republish) {
    vertx.eventBus().<String>consumer(BusAddresses.MERGED, message -> {
      LOG.fine(message.body() + " merged into the fleet: entering this host's entries again");
      republish.run();
    });
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        for (long after : AFTER_MILLIS) {
          vertx.setTimer(after, id -> vertx.eventBus().publish(BusAddresses.MERGED, host));
        }
      }
    });
  }
}
