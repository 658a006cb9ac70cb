package io.weft.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A cluster in memory for the services' tests: its members are set by hand, its news told by hand. */
final class FakeCluster implements ClusterView {

  private final Set<String> hosts = new LinkedHashSet<>();
  private final List<Runnable> joins = new ArrayList<>();
  private final List<Runnable> changes = new ArrayList<>();
  private final List<Runnable> merges = new ArrayList<>();
  private final List<Runnable> anyMerges = new ArrayList<>();
  private final Map<String, List<Runnable>> maps = new HashMap<>();
  private boolean oldest = true;

  /** @param hosts the members, oldest first */
  FakeCluster(String... hosts) {
    this.hosts.addAll(List.of(hosts));
  }

  void oldest(boolean oldest) {
    this.oldest = oldest;
  }

  /** A member joins: every join and change listener hears of it. */
  void join(String host) {
    hosts.add(host);
    joins.forEach(Runnable::run);
    changes.forEach(Runnable::run);
  }

  void leave(String host) {
    hosts.remove(host);
    changes.forEach(Runnable::run);
  }

  /** This member's side merged into another: told on the lifecycle, then on the bus. */
  void merge() {
    merges.forEach(Runnable::run);
    anyMerges.forEach(Runnable::run);
  }

  /** Another host's side merged, told on the bus alone. */
  void otherMerged() {
    anyMerges.forEach(Runnable::run);
  }

  void mapChanged(String map) {
    maps.getOrDefault(map, List.of()).forEach(Runnable::run);
  }

  @Override
  public boolean isOldest() {
    return oldest;
  }

  @Override
  public int size() {
    return hosts.size();
  }

  @Override
  public Set<String> hosts() {
    return Set.copyOf(hosts);
  }

  @Override
  public void onJoin(Runnable joined) {
    joins.add(joined);
  }

  @Override
  public void onChange(Runnable changed) {
    changes.add(changed);
  }

  @Override
  public void onMerged(Runnable merged) {
    merges.add(merged);
  }

  @Override
  public void onAnyMerge(Runnable merged) {
    anyMerges.add(merged);
  }

  @Override
  public void onMapChange(String map, Runnable changed) {
    maps.computeIfAbsent(map, m -> new ArrayList<>()).add(changed);
  }
}
