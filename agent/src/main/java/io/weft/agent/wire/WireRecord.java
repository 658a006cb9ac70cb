package io.weft.agent.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One host's entry in the fleet's replicated map {@value WireMap#MAP}: what the other hosts need
 * to reach it over WireGuard, and what it hears. Unlike its peer record, it stays when the host's
 * agent dies: the host's data plane lives on without its agent, and the others keep reaching it
 * while it answers. The host takes it out when it leaves for good; rmpeer's tombstone drops it too.
 *
 * @param name the host's name in the fleet
 * @param address its underlay address: VXLAN's and WireGuard's endpoint
 * @param key its WireGuard public key, base64
 * @param port its WireGuard UDP port
 * @param encrypt whether it encrypts all traffic (its fleet's choice, as it knows it)
 * @param implementation {@code kernel} or {@code wireguard-go}, and why, for {@code weft status}
 * @param heard the hosts it hears, or has stopped hearing, over WireGuard
 * @param live the hosts whose agents it counts live, and so sends keepalives at the live rate;
 *     null from an agent that does not say (one before this field)
 * @param member the Hazelcast member UUID of the agent that wrote it, as in its peer entry: an
 *     entry a dead agent left is told from its successor's by it; null from an agent that does not say
 * @param at when its host wrote it, in milliseconds of its own clock, later for each entry it
 *     writes: of two copies (the map's, the bus's) the later is its word now; 0 when it does not say
 * @param relaying the pairs its kernel carries as their relay ({@code a|b}, by name): once its
 *     agent dies, only these may go on through it (see WirePlan); null from an agent that does not say
 */
public record WireRecord(String name, String address, String key, int port, boolean encrypt,
    String implementation, Map<String, Reach> heard, Set<String> live, String member, long at,
    Set<String> relaying) {

  public WireRecord {
    heard = Map.copyOf(heard);
    live = live == null ? null : Set.copyOf(live);
    relaying = relaying == null ? null : Set.copyOf(relaying);
  }

  /** An entry that does not say which pairs its host relays. */
  public WireRecord(String name, String address, String key, int port, boolean encrypt,
      String implementation, Map<String, Reach> heard, Set<String> live, String member, long at) {
    this(name, address, key, port, encrypt, implementation, heard, live, member, at, null);
  }

  /** An entry that does not say whom its host counts live, nor which agent wrote it. */
  public WireRecord(String name, String address, String key, int port, boolean encrypt,
      String implementation, Map<String, Reach> heard) {
    this(name, address, key, port, encrypt, implementation, heard, null, null, 0);
  }

  public Reach heard(String host) {
    return heard.get(host);
  }

  /** Whether its host sends {@code host} keepalives at the live rate; true when it does not say (the older rule). */
  public boolean countsLive(String host) {
    return live == null || live.contains(host);
  }

  public WireRecord withHeard(Map<String, Reach> heard) {
    return new WireRecord(name, address, key, port, encrypt, implementation, heard, live, member, at, relaying);
  }

  /** The entry with {@code host} heard as {@code reach}, the rest as it is. */
  public WireRecord withHeardOf(String host, Reach reach) {
    Map<String, Reach> changed = new java.util.HashMap<>(heard);
    changed.put(host, reach);
    return withHeard(changed);
  }

  public WireRecord withLive(Set<String> live) {
    return new WireRecord(name, address, key, port, encrypt, implementation, heard, live, member, at, relaying);
  }

  public WireRecord withMember(String member) {
    return new WireRecord(name, address, key, port, encrypt, implementation, heard, live, member, at, relaying);
  }

  public WireRecord withRelaying(Set<String> relaying) {
    return new WireRecord(name, address, key, port, encrypt, implementation, heard, live, member, at, relaying);
  }

  /**
   * Whether its kernel carries the pair of {@code a} and {@code b} as their relay; true when it
   * does not say (an agent before the field: the older rule, any host may relay).
   */
  public boolean relays(String a, String b) {
    return relaying == null || relaying.contains(WirePlan.pair(a, b));
  }

  /** The entry written now: {@code at} the clock's millis, or just after the last if the clock went back. */
  public WireRecord writtenAt(long millis) {
    return new WireRecord(name, address, key, port, encrypt, implementation, heard, live, member,
        Math.max(millis, at + 1), relaying);
  }

  /**
   * The entry as its host's running agent, {@code member}, may be taken to say it: as it is when
   * that agent wrote it (or an agent that does not say which it is); otherwise a dead agent's,
   * which says nothing yet of what this one hears or counts live.
   */
  public WireRecord asSaidBy(String member) {
    if (this.member == null || member == null || this.member.equals(member)) {
      return this;
    }
    return new WireRecord(name, address, key, port, encrypt, implementation, Map.of(), Set.of(), this.member, at,
        relaying);
  }

  public JsonObject toJson() {
    JsonObject heardJson = new JsonObject();
    new TreeMap<>(heard).forEach((host, reach) -> heardJson.put(host, reach.text()));
    JsonObject json = new JsonObject().put("name", name).put("address", address).put("key", key)
        .put("port", port).put("encrypt", encrypt).put("implementation", implementation)
        .put("heard", heardJson);
    if (live != null) {
      json.put("live", new JsonArray(List.copyOf(new TreeSet<>(live))));
    }
    if (member != null) {
      json.put("member", member);
    }
    if (at != 0) {
      json.put("at", at);
    }
    if (relaying != null) {
      json.put("relaying", new JsonArray(List.copyOf(new TreeSet<>(relaying))));
    }
    return json;
  }

  /** The entry as the map holds it; an IllegalArgumentException when it does not read. */
  public static WireRecord fromJson(String text) {
    JsonObject j;
    try {
      j = new JsonObject(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a wire entry: " + e.getMessage(), e);
    }
    return fromJson(j);
  }

  /** The entry {@code j} holds; an IllegalArgumentException when it does not read. */
  static WireRecord fromJson(JsonObject j) {
    try {
      Map<String, Reach> heard = new TreeMap<>();
      JsonObject h = j.getJsonObject("heard", new JsonObject());
      for (String host : h.fieldNames()) {
        Reach reach = Reach.of(h.getString(host));
        if (reach != null) {
          heard.put(host, reach);
        }
      }
      WireRecord r = new WireRecord(j.getString("name"), j.getString("address"), j.getString("key"),
          j.getInteger("port", 0), j.getBoolean("encrypt", true), j.getString("implementation"), heard,
          names(j.getJsonArray("live")), j.getString("member"), j.getLong("at", 0L),
          names(j.getJsonArray("relaying")));
      if (r.name() == null || r.address() == null || r.key() == null || r.port() <= 0 || r.port() > 0xffff) {
        throw new IllegalArgumentException("a wire entry without name, address, key or port");
      }
      return r;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a wire entry: " + e.getMessage(), e);
    }
  }

  /** The strings of {@code array}, others left out; null for no array. */
  private static Set<String> names(JsonArray array) {
    if (array == null) {
      return null;
    }
    Set<String> names = new TreeSet<>();
    for (Object name : array) {
      if (name instanceof String text) {
        names.add(text);
      }
    }
    return names;
  }
}
