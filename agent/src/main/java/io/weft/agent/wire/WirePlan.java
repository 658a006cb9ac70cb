package io.weft.agent.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every pair's path, decided the same way on every host from the same entries, as WireGuard needs:
 * a packet is taken only from the peer whose allowed IPs hold its source, so both ends of a pair
 * must move it to a relay together. Pure.
 *
 * <p>A pair is broken when either host says it does not hear the other. A broken pair goes through
 * the first host, by name, that each of the two hears and is heard by (in the words of each one
 * whose agent runs), one whose agent runs
 * before one whose agent does not; with none, it stays direct. A host whose agent does not run
 * relays only the pairs its entry says its kernel carries: its routing is as its agent left it,
 * and a pair newly sent through it would go nowhere (a whole test run saw a pair that stalled for
 * a moment moved to a host whose agent had just been removed, and the cluster's connections
 * between the two ends lost with it). Only a host whose agent runs has
 * its say: a dead agent's entry tells what it heard when it died, and its kernel stays as that
 * agent left it, which a plan made from the old word would not match once the others' hearing
 * changed (a relay taken that the host cannot take, and the cluster's connections to it lost).
 * A pair goes through WireGuard ("sealed") when either host encrypts, when it is relayed, or when
 * one of the two relays for a pair with the other in it (so the relay's legs are WireGuard both
 * ways, and each end's reverse-path check finds the packet on the interface it came in on).
 */
public final class WirePlan {

  /** One other host as this host reaches it. */
  public record Path(String host, String via, boolean sealed, boolean control) {

    public boolean relayed() {
      return via != null;
    }

    /** {@code direct} or {@code relayed via NAME}, and whether WireGuard carries it. */
    public String describe() {
      return (via == null ? "direct" : "relayed via " + via) + (sealed ? ", encrypted" : ", plain");
    }
  }

  private final String self;
  private final Map<String, WireRecord> hosts;
  private final Map<String, String> relays;

  private WirePlan(String self, Map<String, WireRecord> hosts, Map<String, String> relays) {
    this.self = self;
    this.hosts = hosts;
    this.relays = relays;
  }

  /** The plan for {@code hosts}, this host's own record among them, every host's agent running. */
  public static WirePlan of(String self, List<WireRecord> hosts) {
    return of(self, hosts, hosts.stream().map(WireRecord::name).collect(Collectors.toSet()));
  }

  /**
   * The plan for {@code hosts}, this host's own record among them.
   *
   * @param live the hosts whose agents run (this host's cluster and itself)
   */
  public static WirePlan of(String self, List<WireRecord> hosts, Set<String> live) {
    Map<String, WireRecord> byName = new TreeMap<>();
    hosts.forEach(h -> byName.put(h.name(), h));
    List<String> names = new ArrayList<>(byName.keySet());
    List<String> relayFirst = new ArrayList<>(names);
    relayFirst.sort(Comparator.comparing((String r) -> !live.contains(r)).thenComparing(r -> r));
    Map<String, String> relays = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        String a = names.get(i);
        String b = names.get(j);
        if (!broken(byName, live, a, b)) {
          continue;
        }
        for (String r : relayFirst) {
          if (!r.equals(a) && !r.equals(b) && sound(byName, live, a, r) && sound(byName, live, b, r)
              && (live.contains(r) || byName.get(r).relays(a, b))) {
            relays.put(pair(a, b), r);
            break;
          }
        }
      }
    }
    return new WirePlan(self, byName, relays);
  }

  /** What {@code a} says of {@code b}; nothing while {@code a}'s agent is not running. */
  private static Reach says(Map<String, WireRecord> hosts, Set<String> live, String a, String b) {
    return live.contains(a) ? hosts.get(a).heard(b) : null;
  }

  private static boolean broken(Map<String, WireRecord> hosts, Set<String> live, String a, String b) {
    return says(hosts, live, a, b) == Reach.DOWN || says(hosts, live, b, a) == Reach.DOWN;
  }

  /**
   * Whether a relay's leg between {@code a} and {@code b} carries both ways: each end whose agent
   * runs says it hears the other, and one of them at least runs. An end still undecided is not
   * enough: as a split heals, a host decides its peers one by one while the others' words on it
   * are old, and a whole test run saw a host send a pair through a relay it did not hear yet,
   * whose own plan did not carry the pair: the pair's packets were lost until the plans agreed,
   * long enough for the cluster to split again.
   */
  private static boolean sound(Map<String, WireRecord> hosts, Set<String> live, String a, String b) {
    boolean aHears = !live.contains(a) || says(hosts, live, a, b) == Reach.UP;
    boolean bHears = !live.contains(b) || says(hosts, live, b, a) == Reach.UP;
    return aHears && bHears && (live.contains(a) || live.contains(b));
  }

  /** The pair of {@code a} and {@code b} as entries name it: {@code a|b}, the lesser name first. */
  static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  /** The pairs this plan sends through {@code host}, as {@link #pair} names them. */
  public Set<String> relayedThrough(String host) {
    Set<String> out = new HashSet<>();
    relays.forEach((pair, via) -> {
      if (via.equals(host)) {
        out.add(pair);
      }
    });
    return out;
  }

  /** The relay between {@code a} and {@code b}, if their pair is relayed. */
  public Optional<String> relay(String a, String b) {
    return Optional.ofNullable(relays.get(pair(a, b)));
  }

  private boolean isLeg(String a, String b) {
    for (Map.Entry<String, String> e : relays.entrySet()) {
      String[] ends = e.getKey().split("\\|");
      String r = e.getValue();
      if ((r.equals(a) && (ends[0].equals(b) || ends[1].equals(b)))
          || (r.equals(b) && (ends[0].equals(a) || ends[1].equals(a)))) {
        return true;
      }
    }
    return false;
  }

  private boolean encrypts(String a, String b) {
    return hosts.get(a).encrypt() || hosts.get(b).encrypt();
  }

  /** The other hosts as this host reaches them, by name. */
  public List<Path> paths() {
    List<Path> out = new ArrayList<>();
    for (String h : hosts.keySet()) {
      if (h.equals(self)) {
        continue;
      }
      String via = relays.get(pair(self, h));
      boolean leg = isLeg(self, h);
      out.add(new Path(h, via, encrypts(self, h) || via != null || leg, via != null || leg));
    }
    return out;
  }

  /** For each other host, the hosts whose addresses its WireGuard peer carries: itself when direct, and those relayed through it. */
  public Map<String, Set<String>> carried() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String h : hosts.keySet()) {
      if (!h.equals(self)) {
        out.computeIfAbsent(h, k -> new HashSet<>());
        String via = relays.get(pair(self, h));
        out.computeIfAbsent(via == null ? h : via, k -> new HashSet<>()).add(h);
      }
    }
    return out;
  }

  public Map<String, WireRecord> hosts() {
    return hosts;
  }
}
