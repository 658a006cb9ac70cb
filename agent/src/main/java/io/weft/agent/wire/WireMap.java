package io.weft.agent.wire;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.weft.agent.cluster.MapChanges;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The fleet's replicated map {@value #MAP}: host name to its {@link WireRecord}, as JSON text.
 * Each host writes its own entry; an entry stays when its host's agent dies (see {@link Roster}),
 * and goes when the host leaves for good, or, found without life for long enough, when the
 * oldest member clears it.
 */
public final class WireMap {

  public static final String MAP = "weft.wire";
  private static final Logger LOG = Logger.getLogger(WireMap.class.getName());

  private final ReplicatedMap<String, String> entries;

  public WireMap(HazelcastInstance hazelcast) {
    this.entries = hazelcast.getReplicatedMap(MAP);
  }

  public void put(WireRecord own) {
    entries.put(own.name(), own.toJson().encode());
  }

  /** Takes {@code host}'s entry out, as it is now. */
  public void remove(String host) {
    entries.remove(host);
  }

  /** The entries now, by host; an entry that does not read is left out and said in the log. */
  public Map<String, WireRecord> snapshot() {
    Map<String, WireRecord> out = new HashMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      try {
        WireRecord r = WireRecord.fromJson(e.getValue());
        if (r.name().equals(e.getKey())) {
          out.put(r.name(), r);
        }
      } catch (IllegalArgumentException malformed) {
        LOG.warning("skipping the entry of " + e.getKey() + " in " + MAP + ": " + malformed.getMessage());
      }
    }
    return out;
  }

  /** Runs {@code changed} after every change of the map, on Hazelcast's event thread: it must only hand off. */
  public void watch(Runnable changed) {
    entries.addEntryListener(new MapChanges<>(changed));
  }
}
