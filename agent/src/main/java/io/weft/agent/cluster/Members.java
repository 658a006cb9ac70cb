package io.weft.agent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster's members now, by host name, as this member's own view has them: no map is read,
 * so it answers at once, during a split too. Each member carries its host's name as the
 * attribute {@value #HOST_ATTRIBUTE}.
 */
public final class Members {

  public static final String HOST_ATTRIBUTE = "weft.host";

  private final HazelcastInstance hazelcast;

  public Members(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  public boolean isLive(String host) {
    return hosts().contains(host);
  }

  public Set<String> hosts() {
    return hazelcast.getCluster().getMembers().stream()
        .map(m -> m.getAttribute(HOST_ATTRIBUTE)).filter(h -> h != null).collect(Collectors.toSet());
  }

  public int size() {
    return hazelcast.getCluster().getMembers().size();
  }

  /** True when this member is the oldest of the cluster (Hazelcast lists members oldest first). */
  public boolean isOldest() {
    Member oldest = hazelcast.getCluster().getMembers().iterator().next();
    return oldest.localMember();
  }

  /**
   * Runs {@code joined} after a member joins (a new host, a restarted one, or the side of a split
   * that merged in), on Hazelcast's event thread.
   */
  public void onJoin(Runnable joined) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        joined.run();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {}
    });
  }

  /** Runs {@code changed} after any member joins or leaves, on Hazelcast's event thread. */
  public void onChange(Runnable changed) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        changed.run();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        changed.run();
      }
    });
  }
}
