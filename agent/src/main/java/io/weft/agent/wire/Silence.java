package io.weft.agent.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which live hosts' word has stopped reaching this one. Every agent says its wire entry on the
 * bus, changed or not, every second while any of its pairs is down or relayed or the fleet settles,
 * and seldom at rest; each saying tells when the next comes ({@link WireSaying}). A host of this
 * cluster from which four sayings are missed ({@link #STALE_NANOS} for one a second; counted from
 * when it joined this host's cluster, at the earliest) is silent.
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

  /** A host's last word: when it came, and how long its silence may last before it counts. */
  private record Word(long at, long staleAfter) {}

  private final Map<String, Word> lastWord = new ConcurrentHashMap<>();
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

  /**
   * {@code host}'s agent said its entry at {@code now} (nanoseconds of a monotonic clock), and
   * will say it again within {@code againNanos}.
   */
  void wordFrom(String host, long now, long againNanos) {
    lastWord.put(host, new Word(now, Math.max(STALE_NANOS, 4 * againNanos)));
  }

  /**
   * This host does not hear {@code host} over WireGuard now: its last word's promise of a long
   * wait, made while their pair was whole, holds no more. Once the pair is heard again (a cut
   * healed), the host is silent four seconds after its last word, as its words may not be
   * crossing their pair: it says every second now, and they would have come.
   */
  void unheard(String host) {
    lastWord.computeIfPresent(host, (h, w) -> new Word(w.at(), STALE_NANOS));
  }

  /**
   * The hosts of {@code live} from which no word came for as long as their last said it might
   * take, four sayings ({@link #STALE_NANOS} for one a second). Called often (each
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
      Word word = lastWord.get(host);
      // a word from before the host was last live promised nothing about the time since
      boolean fresh = word != null && word.at() >= since;
      long last = fresh ? word.at() : since;
      if (now - last >= (fresh ? word.staleAfter() : STALE_NANOS)) {
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
