package io.weft.agent.alloc;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The fleet's address record in a shared map, {@code weft.addresses}: address to owner. An
 * address is claimed with putIfAbsent, which in the agent's Hazelcast map the key's partition
 * owner decides alone, so two hosts claiming one address at once cannot both win while the
 * cluster is whole. Any {@link ConcurrentMap} serves, so tests use a plain one.
 */
public final class ClusterAddressBook implements AddressBook {

  public static final String MAP = "weft.addresses";

  private final ConcurrentMap<String, String> map;
  private final Runnable onAllocation;

  /** @param onAllocation told of every address handed out (for metrics) */
  public ClusterAddressBook(ConcurrentMap<String, String> map, Runnable onAllocation) {
    this.map = map;
    this.onAllocation = onAllocation;
  }

  @Override
  public List<Cidr> claim(List<Cidr> cidrs, Owner owner) {
    List<Cidr> claimed = new ArrayList<>();
    for (Cidr cidr : cidrs) {
      String previous = map.putIfAbsent(cidr.address().toString(), entry(cidr, owner).encode());
      if (previous != null && !ownerOf(previous).equals(owner)) {
        release(claimed, owner);
        throw new WeftException(ErrorCode.ADDRESS_IN_USE,
            cidr.address() + " is held by " + ownerOf(previous) + "; not given to " + owner);
      }
      if (previous == null) {
        claimed.add(cidr);
      }
    }
    return claimed;
  }

  @Override
  public Cidr allocate(AddressRange range, Owner owner) {
    Set<Ipv4> taken = new HashSet<>();
    map.keySet().forEach(ip -> taken.add(Ipv4.parse(ip)));
    while (true) {
      Cidr candidate = range.firstFree(taken);
      if (map.putIfAbsent(candidate.address().toString(), entry(candidate, owner).encode()) == null) {
        onAllocation.run();
        return candidate;
      }
      taken.add(candidate.address()); // another host won it meanwhile: take the next
    }
  }

  @Override
  public void describe(List<Cidr> cidrs, Owner owner, String mac) {
    for (Cidr cidr : cidrs) {
      String key = cidr.address().toString();
      String wanted = entry(cidr, owner).put("mac", mac).encode();
      String previous = map.putIfAbsent(key, wanted);
      if (previous != null) {
        JsonObject held = new JsonObject(previous);
        if (ownerOf(previous).equals(owner) && !mac.equals(held.getString("mac"))) {
          map.replace(key, previous, held.put("mac", mac).encode());
        }
      }
    }
  }

  /** Every address whose MAC is known, with its host: where the overlay sends its frames. */
  public List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    map.entrySet().forEach(e -> {
      JsonObject held = new JsonObject(e.getValue());
      String mac = held.getString("mac");
      if (mac != null) {
        endpoints.add(new Endpoint(Ipv4.parse(e.getKey()), held.getString("host"), mac));
      }
    });
    return endpoints;
  }

  @Override
  public List<Cidr> heldBy(Owner owner) {
    List<Cidr> held = new ArrayList<>();
    map.entrySet().forEach(e -> {
      JsonObject entry = new JsonObject(e.getValue());
      if (Owner.fromJson(entry).equals(owner)) {
        held.add(new Cidr(Ipv4.parse(e.getKey()), entry.getInteger("prefix")));
      }
    });
    held.sort(Comparator.comparing(Cidr::toString));
    return held;
  }

  @Override
  public void release(List<Cidr> cidrs, Owner owner) {
    for (Cidr cidr : cidrs) {
      String key = cidr.address().toString();
      String value = map.get(key);
      if (value != null && ownerOf(value).equals(owner)) {
        map.remove(key, value);
      }
    }
  }

  @Override
  public void releaseAll(Owner owner) {
    removeWhere(held -> held.equals(owner));
  }

  @Override
  public void releaseHost(String host) {
    removeWhere(held -> held.host().equals(host));
  }

  /** Address to owner, for status and tests. */
  public Map<String, Owner> holders() {
    Map<String, Owner> holders = new TreeMap<>();
    map.entrySet().forEach(e -> holders.put(e.getKey(), ownerOf(e.getValue())));
    return holders;
  }

  private void removeWhere(Predicate<Owner> which) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (which.test(ownerOf(e.getValue()))) {
        map.remove(e.getKey(), e.getValue());
      }
    }
  }

  private static JsonObject entry(Cidr cidr, Owner owner) {
    return owner.toJson().put("prefix", cidr.prefixLength()).put("since", Instant.now().toString());
  }

  private static Owner ownerOf(String entry) {
    return Owner.fromJson(new JsonObject(entry));
  }
}
