package io.weft.agent.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which live hosts' word has stopped reaching this one. Every agent says its wire entry on the
 * bus about every second, changed or not; a host of this cluster heard from last longer ago than
 * {@link #STALE_NANOS} (counted from when it joined this host's cluster, at the earliest) is
 * silent.
 *
 * <p>It matters for a pair moved to a relay. A pair's two ends must decide alike (WireGuard takes
 * a packet only from the peer whose allowed IPs hold its source), and each learns the other's word
 * over the pair itself: when the two decided apart (one read a stale entry of the other, say, after
 * a split healed), the pair is dark, and the entry that would mend it cannot cross. So an end that
 * hears the other over WireGuard, and has no word from it, stops counting the other's last word on
 * their pair: the other does the same, and the pair goes direct, where the word crosses again.
 * Pure, but for {@link #wordFrom}, which the bus's thread calls.
 */
final class Silence {

  /** Four sayings missed: a stall of the other's agent, or a pair that does not carry its word. */
  static final long STALE_NANOS = 4_000_000_000L;

  private final Map<String, Long> lastWord = new ConcurrentHashMap<>();
  private final Map<String, Long> liveSince = new HashMap<>();

  /**
   * The entries with each of {@code unheeded}'s last word of not hearing {@code self} not
   * counted: {@code self} hears them, so their pair with it is taken as heard both ways.
   */
  static Map<String, WireRecord> heeding(Map<String, WireRecord> entries, String self, Set<String> unheeded) {
    Map<String, WireRecord> out = new HashMap<>(entries);
    for (String host : unheeded) {
      WireRecord r = out.get(host);
      if (r != null && r.heard(self) == Reach.DOWN) {
        out.put(host, r.withHeardOf(self, Reach.UP));
      }
    }
    return out;
  }

  /** {@code host}'s agent said its entry at {@code now} (nanoseconds of a monotonic clock). */
  void wordFrom(String host, long now) {
    lastWord.put(host, now);
  }

  /**
   * The hosts of {@code live} from which no word came for {@link #STALE_NANOS}. Called often (each
   * poll of the device): a host seen live for the first time counts as heard from then. Forgets
   * every other host's word, so what it keeps is bounded by the cluster.
   */
  Set<String> silent(Set<String> live, long now) {
    liveSince.keySet().retainAll(live);
    // words come by name from the bus: only the cluster's hosts are remembered
    lastWord.keySet().retainAll(live);
    Set<String> out = new TreeSet<>();
    for (String host : live) {
      long since = liveSince.computeIfAbsent(host, h -> now);
      Long word = lastWord.get(host);
      long last = word == null ? since : Math.max(word, since);
      if (now - last >= STALE_NANOS) {
        out.add(host);
      }
    }
    return out;
  }

  /** How many hosts' words are kept. */
  int remembered() {
    return lastWord.size();
  }
}
