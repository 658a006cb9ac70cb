package io.weft.agent.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import java.util.UUID;

/**
 * weft's Hazelcast configuration, built in code, apart from the network ({@code MemberNetwork}):
 * a cluster name only the fleet knows (and no log line shows), Java deserialization limited to
 * exact classes ({@link Deserialization}), and failure detection tuned so a dead host is noticed
 * in about 3 s rather than Hazelcast's 60, and a live one under load is not suspected.
 */
final class HazelcastSettings {

  /** The member attribute vertx-hazelcast reads a running instance's node id from. */
  static final String VERTX_NODE_ID = "__vertx.nodeId";
  /** The names of weft's own maps: {@code weft.peers}, {@code weft.addresses}, ... */
  static final String WEFT_MAPS = "weft.*";

  private HazelcastSettings() {}

  /**
   * @param name this host's name, a member attribute
   * @param clusterName the fleet's, derived from its password
   */
  static Config of(String name, String clusterName) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.getMemberAttributeConfig().setAttribute(Members.HOST_ATTRIBUTE, name);
    // vertx-hazelcast, given a running instance, takes its node id from this attribute
    config.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
    config.setProperty("hazelcast.logging.type", "jdk");
    // Hazelcast's lines would start with the address and the (secret) cluster name
    config.setProperty("hazelcast.logging.details.enabled", "false");
    // never call out to the vendor: weft's traffic stays on the hosts' underlay
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // the agent leaves the cluster itself on SIGTERM, after removing its peer entry
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Failure detection. A killed agent's host refuses the reconnection at once: it is dropped
    // within a second. A host that no member reaches is suspected within about 2 s
    // (CutOffWitness); one that stops acknowledging at the TCP level after ClusterNode's bound on
    // that, 8 s, unless its member port still answers. Heartbeats (every second) are the last
    // resort, for a JVM that hangs with its kernel alive: the phi-accrual detector suspects a
    // member after its usual gap plus 15 s plus a margin that grows with its jitter. At 5 s, a
    // joining agent starved of CPU (the fifteenth to eighteenth of twenty starting on two cores)
    // was suspected by the others as it joined, and its launch failed alone.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.heartbeat.failuredetector.type", "phi-accrual");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
    config.setProperty("hazelcast.heartbeat.phiaccrual.failuredetector.min.std.dev.millis", "200");
    // A member that suspects another, neither of them the master, keeps the suspicion to itself
    // unless told to share it: the master keeps both, and every operation between the two waits
    // for a minute. A whole test run saw it after a cut healed (host2 suspected host3, host1 heard
    // both; host2's and host3's address writes waited until their stall watches ended them). So
    // members report suspicions in their heartbeats and the master, three heartbeats after the
    // last report, drops the fewest members that leave every pair connected; those merge back.
    config.setProperty("hazelcast.partial.member.disconnection.resolution.heartbeat.count", "3");
    // the agent's work is a few small maps: a handful of threads serve it (defaults scale with
    // cores and cost memory on every host)
    config.setProperty("hazelcast.io.thread.count", "1");
    config.setProperty("hazelcast.operation.thread.count", "2");
    config.setProperty("hazelcast.operation.generic.thread.count", "2");
    config.setProperty("hazelcast.operation.response.thread.count", "1");
    config.setProperty("hazelcast.event.thread.count", "2");
    // a split fleet (or a peer added by `connect`) is looked for every 5 s, not after 5 min
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    // A member that has joined goes on at once: Hazelcast would check its connections to every
    // other member and sleep a whole second whenever one is still in its TLS handshake (with
    // three hosts or more, nearly always). They come up as they are used, the peers' entries and
    // heartbeats among the first.
    config.setProperty("hazelcast.connect.all.wait.seconds", "0");
    // Right after a join the partitions move to the new member, and an operation on one that is
    // moving (Vert.x's start registers its node and subscriptions) is tried again: every 100 ms
    // rather than every 500, as many times over, so it still gives up after a minute.
    config.setProperty("hazelcast.invocation.retry.pause.millis", "100");
    config.setProperty("hazelcast.invocation.max.retry.count", "600");
    // A few dozen small entries in partitioned structures (vertx-hazelcast's subscriptions and
    // node infos): 31 partitions rather than 271 make each join's migrations a ninth of the work.
    // Every member of a fleet must have the same count, and does: it is not configurable.
    config.setProperty("hazelcast.partition.count", "31");
    // nothing reads Hazelcast's own metrics or health reports: they only cost CPU at rest
    config.getMetricsConfig().setEnabled(false);
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    config.setProperty("hazelcast.socket.bind.any", "false");

    Deserialization.apply(config);
    config.getSerializationConfig().addDataSerializableFactory(WitnessQuestion.FACTORY_ID,
        new WitnessQuestion.Factory());
    // other hosts' witness questions: one at a time (each a bounded try), a bounded queue
    config.getExecutorConfig(WitnessQuestion.EXECUTOR).setPoolSize(1)
        .setQueueCapacity(CutOffWitness.ANSWERS_QUEUED).setStatisticsEnabled(false);

    // weft's own maps are replicated whole to every member, each entry written by one host.
    // After a split, the side that merges into the other drops its copies and every one of its
    // hosts enters its own entries again: an entry deleted on the staying side during the split
    // must not come back from the other's stale copy.
    config.getReplicatedMapConfig(WEFT_MAPS).setMergePolicyConfig(
        new MergePolicyConfig(DiscardMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));

    // what vertx-hazelcast's own default configuration declares for its state
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.getMapConfig("__vertx.haInfo").setBackupCount(1);
    config.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
    return config;
  }
}
