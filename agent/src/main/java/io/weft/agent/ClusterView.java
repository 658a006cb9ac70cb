package io.weft.agent;

import java.util.Set;

/**
 * The cluster as the agent's services see it: who is in it, and what it tells them. A seam:
 * Hazelcast's member in the agent ({@link HazelcastView}), a fake in the tests. What it tells
 * arrives on the cluster's own threads, so each listener must only hand its work off.
 */
interface ClusterView {

  /** Whether this member is the cluster's oldest, as its own view has it (asks no one). */
  boolean isOldest();

  /** How many members the cluster has, this one included. */
  int size();

  /** The host names of the members now. */
  Set<String> hosts();

  /** A member joined: a new host, a restarted one, or a side of a split that merged in. */
  void onJoin(Runnable joined);

  /** A member joined or left. */
  void onChange(Runnable changed);

  /** This member's side of a split merged into the other: its replicated maps were dropped. */
  void onMerged(Runnable merged);

  /**
   * Some side of a split merged, this one or another's, as the merged hosts tell the whole fleet
   * on the bus: every host enters its own entries again, so every copy is whole within seconds.
   */
  void onAnyMerge(Runnable merged);

  /** An entry of the replicated map {@code map} changed, or the map was cleared. */
  void onMapChange(String map, Runnable changed);
}
