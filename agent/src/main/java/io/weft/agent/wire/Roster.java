package io.weft.agent.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hosts this host's data plane carries traffic to: those whose agent is in its cluster, and
 * those whose agent is not but whose data plane shows signs of life. Pure.
 *
 * <p>A host whose agent died (killed, restarting, upgraded) still forwards its containers'
 * traffic: its kernel and its wireguard-go run on. So it stays while this host hears it over
 * WireGuard, or while a host of the cluster says it does. A host cut off from this cluster (a
 * split, or dropped by the cluster while a relay was being set up) may be heard only through a
 * host that is itself outside: such second-hand word counts for {@link #LINGER_NANOS} after that
 * host left the cluster, long enough for the split to heal through the relay, not for ever.
 */
final class Roster {

  static final long LINGER_NANOS = 60_000_000_000L;

  private Roster() {}

  /**
   * The records of the hosts in the data plane, this host's own included, by name.
   *
   * @param records the fleet's wire entries
   * @param live the hosts whose agents are in this host's cluster now
   * @param heard what this host hears itself
   * @param removed hosts removed with rmpeer: never in
   * @param outSince when each host not live was first seen outside the cluster (monotonic nanos)
   */
  static List<WireRecord> inDataPlane(String self, Map<String, WireRecord> records, Set<String> live,
      Map<String, Reach> heard, Set<String> removed, Map<String, Long> outSince, long now) {
    List<WireRecord> in = new ArrayList<>();
    for (WireRecord r : records.values()) {
      if (!removed.contains(r.name()) && (r.name().equals(self) || live.contains(r.name())
          || heard.get(r.name()) == Reach.UP || vouchedFor(r.name(), self, records, live, heard, outSince, now))) {
        in.add(r);
      }
    }
    in.sort(Comparator.comparing(WireRecord::name));
    return in;
  }

  private static boolean vouchedFor(String host, String self, Map<String, WireRecord> records,
      Set<String> live, Map<String, Reach> heard, Map<String, Long> outSince, long now) {
    for (WireRecord witness : records.values()) {
      String w = witness.name();
      if (w.equals(host) || w.equals(self) || witness.heard(host) != Reach.UP) {
        continue;
      }
      if (live.contains(w)) {
        return true;
      }
      Long out = outSince.get(w);
      if (heard.get(w) == Reach.UP && out != null && now - out < LINGER_NANOS) {
        return true;
      }
    }
    return false;
  }
}
