package io.weft.agent;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.weft.agent.cluster.ClusterNode;
import io.weft.agent.cluster.MapChanges;
import io.weft.agent.cluster.Members;
import io.weft.agent.cluster.MergeNotices;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link ClusterView} of a joined agent: its Hazelcast member, and the merge notices of its bus. */
final class HazelcastView implements ClusterView {

  private final HazelcastInstance hazelcast;
  private final Members members;
  private final List<Runnable> anyMerge = new CopyOnWriteArrayList<>();

  HazelcastView(ClusterNode node) {
    this.hazelcast = node.hazelcast();
    this.members = new Members(hazelcast);
    // one consumer of the notices, however many listen: it also tells the fleet of this side's merges
    MergeNotices.follow(node.vertx(), hazelcast, node.hostName(), () -> anyMerge.forEach(Runnable::run));
  }

  @Override
  public boolean isOldest() {
    return members.isOldest();
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public Set<String> hosts() {
    return members.hosts();
  }

  @Override
  public void onJoin(Runnable joined) {
    members.onJoin(joined);
  }

  @Override
  public void onChange(Runnable changed) {
    members.onChange(changed);
  }

  @Override
  public void onMerged(Runnable merged) {
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
        merged.run();
      }
    });
  }

  @Override
  public void onAnyMerge(Runnable merged) {
    anyMerge.add(merged);
  }

  @Override
  public void onMapChange(String map, Runnable changed) {
    hazelcast.getReplicatedMap(map).addEntryListener(new MapChanges<>(changed));
  }
}
