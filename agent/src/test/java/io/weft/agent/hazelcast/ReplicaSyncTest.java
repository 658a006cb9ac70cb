package io.weft.agent.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.replicatedmap.impl.ReplicatedMapService;
import com.hazelcast.replicatedmap.impl.record.ReplicatedRecordStore;
import com.hazelcast.spi.impl.AbstractDistributedObject;
import io.weft.agent.UnitLocks;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Two real members in this JVM, on the loopback: what Hazelcast's internals are asked does happen. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class ReplicaSyncTest {

  private static final int KEYS = 200;
  private static final String MAP = "weft.peers";

  private HazelcastInstance first;
  private HazelcastInstance second;

  @AfterEach
  void stop() {
    if (second != null) {
      second.getLifecycleService().terminate();
    }
    if (first != null) {
      first.getLifecycleService().terminate();
    }
  }

  private static HazelcastInstance member(String name, int port) {
    Config config = new Config().setInstanceName(name).setClusterName("replica-sync-test");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:26201").addMember("127.0.0.1:26202");
    return Hazelcast.newHazelcastInstance(config);
  }

  /**
   * Empties the second member's copies of the partitions the first owns, as a merge leaves them
   * (the merged side's data is dropped, and its copy filled again only by Hazelcast's rounds).
   */
  private int holesIn(HazelcastInstance copyOwner, HazelcastInstance truth) {
    ReplicatedMapService service = (ReplicatedMapService) ((AbstractDistributedObject<?>)
        copyOwner.getReplicatedMap(MAP)).getService();
    int emptied = 0;
    for (Partition partition : truth.getPartitionService().getPartitions()) {
      if (truth.getCluster().getLocalMember().equals(partition.getOwner())) {
        ReplicatedRecordStore store = service.getReplicatedRecordStore(MAP, false,
            partition.getPartitionId());
        if (store != null && !store.isEmpty()) {
          store.reset();
          emptied++;
        }
      }
    }
    return emptied;
  }

  private static void await(Map<String, String> copy, long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    while (copy.size() < KEYS && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  @Test
  void aCopyWithHolesIsFilledAtOnceNotAtHazelcastsNextRound() throws Exception {
    long start = System.nanoTime();
    first = member("replica-sync-first", 26201);
    second = member("replica-sync-second", 26202);
    Map<String, String> entries = first.getReplicatedMap(MAP);
    Map<String, String> copy = second.getReplicatedMap(MAP);
    for (int i = 0; i < KEYS; i++) {
      entries.put("host" + i, "entry" + i);
    }
    await(copy, TimeUnit.SECONDS.toNanos(10));
    assertEquals(KEYS, copy.size(), "replicated as put");
    assertTrue(holesIn(second, first) > 0, "the first member owns partitions with entries");
    assertTrue(copy.size() < KEYS, "holes made");
    ReplicaSync.now(first.getReplicatedMap(MAP));
    await(copy, TimeUnit.SECONDS.toNanos(10));
    long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(copy.size() == KEYS, "the second member's copy holds " + copy.size() + " of " + KEYS);
    // Hazelcast's own round comes 30 s after the first member started: it did not do this
    assertTrue(elapsed < 30, "filled only after " + elapsed + " s");
  }
}
