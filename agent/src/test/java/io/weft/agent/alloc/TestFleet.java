package io.weft.agent.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Ipv4;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fleet of address books in memory, as the agents' replicated maps and event bus would join
 * them: each host has its own copy of the fleet's maps, a write reaches the copies of the hosts
 * on its side of a split, and a host asks only the hosts it can reach. A heal keeps the larger
 * side's copy, as Hazelcast keeps the larger side's, and the other side enters its own again.
 */
public final class TestFleet {

  /** One host of the test fleet. */
  public final class Host {
    public final String name;
    final HostRecord record;
    final Replica blocks = new Replica(this, true);
    final Replica addresses = new Replica(this, false);
    public final FleetAddressBook book;
    boolean alive = true;
    int side;

    private Host(String name, HostRecord record) {
      this.name = name;
      this.record = record;
      this.book = new FleetAddressBook(name, range, record, new BlockDirectory(blocks),
          new FleetHoldings(addresses), new Remote(this), other -> reaches(this, other), () -> { });
    }

    /** This host's copy of the fleet's holdings, as its overlay would read them. */
    public FleetHoldings holdings() {
      return new FleetHoldings(addresses);
    }

    public Map<String, String> addressMap() {
      return addresses;
    }

    public Map<String, String> blockMap() {
      return blocks;
    }

    Replica replica(boolean blockMap) {
      return blockMap ? blocks : addresses;
    }
  }

  /** A host's copy of one replicated map: a write goes to every copy on its side. */
  final class Replica extends ConcurrentHashMap<String, String> {
    private final transient Host owner;
    private final boolean blockMap;

    Replica(Host owner, boolean blockMap) {
      this.owner = owner;
      this.blockMap = blockMap;
    }

    @Override
    public String put(String key, String value) {
      String before = super.put(key, value);
      for (Host other : peersOf(owner)) {
        other.replica(blockMap).putLocal(key, value);
      }
      return before;
    }

    @Override
    public String remove(Object key) {
      String before = super.remove(key);
      for (Host other : peersOf(owner)) {
        other.replica(blockMap).removeLocal(key);
      }
      return before;
    }

    void putLocal(String key, String value) {
      super.put(key, value);
    }

    void removeLocal(Object key) {
      super.remove(key);
    }

    void putAllLocal(Map<String, String> all) {
      all.forEach(super::put);
    }

    void replaceAllLocal(Map<String, String> all) {
      keySet().forEach(super::remove);
      all.forEach(super::put);
    }
  }

  /** What a host asks of others, delivered only where it can reach them. */
  private final class Remote implements RemoteBlocks {
    private final Host from;

    Remote(Host from) {
      this.from = from;
    }

    @Override
    public Map<Integer, Integer> askForSpace(String donor, String me) {
      return reach(donor).book.give(me);
    }

    @Override
    public void claim(String blockOwner, Ipv4 address, Owner holder) {
      reach(blockOwner).book.claimFor(address, holder);
    }

    @Override
    public void release(String blockOwner, Ipv4 address, Owner holder) {
      reach(blockOwner).book.releaseFor(address, holder);
    }

    private Host reach(String name) {
      Host to = hosts.get(name);
      if (to == null || !reaches(from, name)) {
        throw new WeftException(ErrorCode.OWNER_UNREACHABLE, name + " did not answer (timeout)");
      }
      return to;
    }
  }

  private final AddressRange range;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private Set<String> apart = Set.of();

  public TestFleet(AddressRange range) {
    this.range = range;
  }

  /** A host that joins the fleet with no record of its own (kept in {@code stateDir} when given). */
  public synchronized Host join(String name, Path stateDir) {
    return join(name, stateDir, hosts.isEmpty());
  }

  /** A host launched with no peer given, so it founds a fleet of its own when it is alone. */
  public synchronized Host launchAlone(String name) {
    return join(name, null, true);
  }

  private Host join(String name, Path stateDir, boolean givenNoPeer) {
    Host host = new Host(name, stateDir == null ? HostRecord.inMemory() : HostRecord.load(stateDir, range));
    host.side = apart.contains(name) ? 1 : 0;
    Host any = peersOf(host).stream().findFirst().orElse(null);
    hosts.put(name, host);
    if (any != null) {
      host.blocks.putAllLocal(any.blocks);
      host.addresses.putAllLocal(any.addresses);
    }
    long members = hosts.values().stream().filter(h -> h.side == host.side && h.alive).count();
    host.book.foundOrJoin(oldestOnSide(host), givenNoPeer, (int) members);
    host.book.publish();
    everyoneFollows();
    return host;
  }

  public Host join(String name) {
    return join(name, null);
  }

  public Host host(String name) {
    return hosts.get(name);
  }

  /** Cuts {@code apart} from the rest: two sides, each with its own copies of the maps. */
  public synchronized void split(Set<String> apart) {
    this.apart = Set.copyOf(apart);
    hosts.values().forEach(h -> h.side = apart.contains(h.name) ? 1 : 0);
  }

  /** One fleet again: the larger side's maps win, and the other side enters its own again. */
  public synchronized void heal() {
    List<Host> zero = hosts.values().stream().filter(h -> h.side == 0).toList();
    List<Host> one = hosts.values().stream().filter(h -> h.side == 1).toList();
    List<Host> larger = zero.size() >= one.size() ? zero : one;
    List<Host> smaller = larger == zero ? one : zero;
    hosts.values().forEach(h -> h.side = 0);
    apart = Set.of();
    Host base = larger.get(0);
    for (Host h : hosts.values()) {
      if (h != base) {
        h.blocks.replaceAllLocal(base.blocks);
        h.addresses.replaceAllLocal(base.addresses);
      }
    }
    smaller.forEach(h -> h.book.publish());
    everyoneFollows();
    hosts.values().forEach(h -> h.book.sendPendingReleases());
  }

  /**
   * One fleet again, the copies of side {@code winner} kept (Hazelcast keeps the larger side's;
   * either may be larger); then, as the merge notices make every host do, each host in {@code
   * order} enters its own entries again and follows, twice over, and sends what it owes.
   */
  public synchronized void healKeeping(int winner, List<String> order) {
    Host base = hosts.values().stream().filter(h -> h.side == winner).findFirst().orElseThrow();
    hosts.values().forEach(h -> h.side = 0);
    apart = Set.of();
    for (Host h : hosts.values()) {
      if (h != base) {
        h.blocks.replaceAllLocal(base.blocks);
        h.addresses.replaceAllLocal(base.addresses);
      }
    }
    for (int round = 0; round < 2; round++) {
      order.forEach(name -> hosts.get(name).book.publish());
      order.forEach(name -> hosts.get(name).book.follow());
      order.forEach(name -> hosts.get(name).book.sendPendingReleases());
    }
  }

  /** The host dies: it is no member, and no one reaches it. */
  public synchronized void kill(String name) {
    hosts.get(name).alive = false;
  }

  public synchronized void everyoneFollows() {
    for (Host h : hosts.values()) {
      if (h.alive) {
        h.book.follow();
      }
    }
  }

  public List<Host> hosts() {
    return new ArrayList<>(hosts.values());
  }

  private boolean reaches(Host from, String name) {
    Host to = hosts.get(name);
    return to != null && to.alive && from.alive && to.side == from.side;
  }

  private List<Host> peersOf(Host host) {
    return hosts.values().stream().filter(h -> h != host && h.alive && h.side == host.side).toList();
  }

  private boolean oldestOnSide(Host host) {
    return hosts.values().stream().filter(h -> h.side == host.side && h.alive).findFirst()
        .map(h -> h == host).orElse(true);
  }
}
