package io.weft.agent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Witness questions sent over the member connections themselves: Hazelcast carries a {@link
 * WitnessQuestion} to the one member it names and its answer back, with no map read on the way.
 * The event bus would first look the witness's address and node up in Hazelcast's partitioned
 * maps, whose entries may live on the very host that is cut off: a question then waited there
 * until that host was dropped anyway, by the long bound.
 */
final class MemberWitnesses implements CutOffWitness.Witnesses {

  private final HazelcastInstance hazelcast;
  private final IExecutorService executor;

  /** Takes the executor's proxy now, while the fleet is whole (a first take tells every member). */
  MemberWitnesses(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.executor = hazelcast.getExecutorService(WitnessQuestion.EXECUTOR);
  }

  /** Makes {@code witness} the one that answers other hosts' questions here. */
  void answerWith(CutOffWitness witness) {
    hazelcast.getUserContext().put(WitnessQuestion.CONTEXT_KEY, witness);
  }

  @Override
  public Future<String> ask(String host, UUID member) {
    Optional<Member> target = hazelcast.getCluster().getMembers().stream()
        .filter(m -> host.equals(m.getAttribute(Members.HOST_ATTRIBUTE)) && !m.localMember())
        .findFirst();
    if (target.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no member of host " + host));
    }
    return executor.submitToMember(new WitnessQuestion(member, false), target.get());
  }

  @Override
  public void tellMaster(UUID member) {
    // Hazelcast lists its members oldest first, and the oldest is the master
    Member master = hazelcast.getCluster().getMembers().iterator().next();
    if (!master.localMember()) {
      executor.submitToMember(new WitnessQuestion(member, true), master);
    }
  }
}
