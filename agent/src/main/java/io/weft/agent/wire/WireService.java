package io.weft.agent.wire;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.host.Underlay;
import io.weft.agent.netlink.IpNet;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NetlinkException;
import io.weft.agent.overlay.Overlay;
import io.weft.agent.wireguard.DeviceChange;
import io.weft.agent.wireguard.DeviceChanges;
import io.weft.agent.wireguard.DeviceState;
import io.weft.agent.wireguard.PeerChange;
import io.weft.agent.wireguard.PrivateWireKey;
import io.weft.agent.wireguard.WireGuardDevice;
import io.weft.agent.wireguard.WireKey;
import io.weft.agent.wireguard.WirePeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The data plane between hosts: WireGuard beside VXLAN. Keeps the host's WireGuard device, its
 * routing and the overlay in step with the fleet's wire entries, and says in its own entry which
 * hosts it hears. Every method runs on the overlay's thread (netlink and the device's socket
 * block); what goes to the shared map is handed to {@code publish}.
 */
public final class WireService {

  /** WireGuard's UDP port on every host. */
  public static final int PORT = 6784;
  /** An agent that starts again adds, and takes nothing away, for this long: until it knows the fleet. */
  static final long SETTLE_NANOS = 10_000_000_000L;
  /** How often a device that does not answer is looked for again. */
  static final long REOPEN_NANOS = 5_000_000_000L;
  private static final Logger LOG = Logger.getLogger(WireService.class.getName());

  private final Netlink host;
  private final Overlay overlay;
  private final Underlay underlay;
  private final String self;
  private final Consumer<WireRecord> publish;
  private final Supplier<String> member;
  private final Hearing hearing = new Hearing();
  private final Silence silence = new Silence();
  private final WireView view;
  private final Map<String, Long> outSince = new HashMap<>();

  private WireChoice choice;
  private WireRouting routing;
  private PrivateWireKey key;
  private WireMtu mtu;
  private volatile WireRecord own;
  private volatile boolean atRest;
  private volatile boolean leaving;
  /** Live hosts this host hears, silent on the bus, whose last word on their pair with this host is not counted. */
  private Set<String> unheeded = Set.of();
  /** Hosts whose agents are in the cluster and whose wire entries this host has not read: said once. */
  private Set<String> unrecorded = Set.of();
  private long startedAt;
  private Map<String, WireRecord> records = Map.of();
  private volatile Set<String> live = Set.of();
  private List<Endpoint> endpoints = List.of();
  private Set<String> removed = Set.of();
  private QuietPeers quietPeers = (host, member, others) -> { };
  private Map<WireKey, String> names = Map.of();
  private WirePlan plan;
  /** The last bringing in line failed part way (weft-wg restarting, say): the next poll tries again. */
  private boolean behind;
  private Runnable startUserspace;
  private int vxlanPort;
  private List<Integer> controlPorts;
  /** When the device last failed to answer and was looked for again; 0 while it answers. */
  private long reopenedAt;

  /**
   * @param member this agent's Hazelcast member UUID now (it changes when a split heals), which
   *     its entry carries so the others tell it from an entry an agent before it left
   * @param publish puts this host's entry into the fleet's map, off this thread
   */
  public WireService(Netlink host, Overlay overlay, Underlay underlay, String self,
      java.nio.file.Path stateDir, Supplier<String> member, Consumer<WireRecord> publish) {
    this.member = member;
    this.view = new WireView(stateDir);
    this.host = host;
    this.overlay = overlay;
    this.underlay = underlay;
    this.self = self;
    this.publish = publish;
  }

  /**
   * Finds or makes the WireGuard device (starting wireguard-go's container where the kernel has
   * none), gives it the host's key and port, makes the overlay with the MTUs that follow from the
   * underlay's, and puts the routing rules in place. Leaves whatever carries traffic as it is.
   *
   * @param encrypt whether this host encrypts all its traffic (its fleet's choice)
   * @param givenMtu the containers' MTU {@code weft launch --mtu} asked for, 0 for none
   * @param controlPorts the TCP ports of the control plane a relay must carry too
   */
  public Vtep start(PrivateWireKey key, boolean encrypt, int givenMtu, List<Integer> controlPorts,
      Runnable startUserspace) {
    this.key = key;
    this.startedAt = System.nanoTime();
    this.startUserspace = startUserspace;
    this.controlPorts = List.copyOf(controlPorts);
    mtu = WireMtu.of(host.links().get(underlay.linkIndex()).attrs().mtu(), encrypt, givenMtu);
    openDevice(WireDevices.START_BOUND);
    Vtep vtep = overlay.start(mtu.bridge());
    vxlanPort = vtep.port();
    routing = new WireRouting(host, WireGuardDevice.NAME);
    routing.start(vxlanPort, controlPorts);
    own = new WireRecord(self, underlay.address().address().toString(), key.publicKey().base64(), PORT,
        encrypt, choice.describe(), Map.of(), Set.of(), member.get(), 0, Set.of())
        .writtenAt(System.currentTimeMillis());
    LOG.info("WireGuard: " + choice.describe() + "; " + (encrypt ? "encrypted" : "plain") + " fleet; MTU "
        + mtu.bridge() + " (underlay " + mtu.underlay() + ", " + WireGuardDevice.NAME + " " + mtu.wireguard() + ")");
    return vtep;
  }

  /** Finds or makes the device, up, with this host's key and port. */
  private void openDevice(Duration bound) {
    choice = WireDevices.open(host, WireGuardDevice.NAME, startUserspace, bound);
    WireDevices.bringUp(host, WireGuardDevice.NAME, mtu.wireguard());
    DeviceState present = choice.device().read();
    choice.device().apply(new DeviceChange(key.equals(present.privateKey()) ? null : key,
        present.listenPort() == PORT ? 0 : PORT, List.of()));
  }

  /**
   * The device stopped answering: wireguard-go's container was removed or restarted without the
   * agent (its new device comes down, keyless and without peers), or the kernel's link was
   * deleted. Makes it again as the start did, then brings peers and routes in line. At most every
   * {@link #REOPEN_NANOS}: waiting for wireguard-go holds this thread.
   */
  private void reopen(long now, RuntimeException why) {
    if (leaving || reopenedAt != 0 && now - reopenedAt < REOPEN_NANOS) {
      return;
    }
    if (reopenedAt == 0) {
      LOG.warning("WireGuard's device did not answer (" + why.getMessage() + "): making it again");
    }
    reopenedAt = now;
    try {
      openDevice(WireDevices.USERSPACE_BOUND);
      routing.start(vxlanPort, controlPorts);
    } catch (RuntimeException e) {
      LOG.warning("WireGuard's device not made again (trying again in "
          + REOPEN_NANOS / 1_000_000_000L + " s): " + e.getMessage());
      return;
    }
    reopenedAt = 0;
    LOG.info("WireGuard's device made again: " + choice.describe());
    apply();
  }

  /**
   * The agent is stopping: its device is left as it is from now on, never made again. Its
   * engine may be stopping too, wireguard-go's container among the rest, and a container made
   * then is never started by the engine's next start (only running ones are restarted), so the
   * next agent would wait for a device that no one makes. Any thread.
   */
  public void leaving() {
    leaving = true;
  }

  /** This host's entry as it is now; any thread. */
  public WireRecord own() {
    return own;
  }

  /** {@code host}'s agent said its entry on the bus just now, and will again within {@code again}; any thread. */
  public void wordFrom(String host, Duration again) {
    silence.wordFrom(host, System.nanoTime(), again.toNanos());
  }

  /**
   * Whether this host's wire is at rest, as the last bringing in line left it: every host of the
   * fleet's map heard, every path direct, no pair relayed through this host. Any thread.
   */
  public boolean atRest() {
    return atRest;
  }

  public WireMtu mtu() {
    return mtu;
  }

  public WireChoice choice() {
    return choice;
  }

  /**
   * Brings WireGuard, the routing and the overlay in line with the fleet.
   *
   * @param live the hosts whose agents are in this host's cluster now
   * @param records the fleet's wire entries
   * @param endpoints the addresses the fleet's containers hold
   * @param removed hosts removed with rmpeer
   */
  public boolean follow(Set<String> live, Map<String, WireRecord> records, List<Endpoint> endpoints,
      Set<String> removed) {
    this.live = Set.copyOf(live);
    this.records = Map.copyOf(records);
    this.endpoints = endpoints;
    this.removed = Set.copyOf(removed);
    return apply();
  }

  /**
   * A live peer this host has not heard for {@link #QUIET_NANOS}: {@code member} is the member id its
   * entry names, {@code others} the other hosts whose agents are in this cluster.
   */
  public interface QuietPeers {
    void quiet(String host, String member, Set<String> others);
  }

  /**
   * Nothing from a live peer for this long (several of its agent's keepalives missed) is worth a
   * question to the cluster (cluster.CutOffWitness), well before it counts as unheard.
   */
  static final long QUIET_NANOS = 1_000_000_000L;

  /** The hosts whose agents are in this host's cluster, as the wire last followed them. */
  public Set<String> live() {
    return live;
  }

  /** Tells {@code quietPeers} of every live peer gone quiet, at each poll while it stays so. */
  public void onQuiet(QuietPeers quietPeers) {
    this.quietPeers = quietPeers;
  }

  /** Reads the device's counters, sends the keepalives due, and follows again when what this host hears changed. */
  public void poll() {
    long now = System.nanoTime();
    DeviceState state;
    try {
      state = choice.device().read();
    } catch (RuntimeException e) {
      reopen(now, e);
      return;
    }
    List<WireKey> kicks = hearing.observe(now, state, k -> live.contains(names.get(k)), this::sendsLive);
    if (!kicks.isEmpty()) {
      kick(kicks);
    }
    tellQuiet();
    Map<String, Reach> heard = heardByName();
    if (!heard.equals(own.heard())) {
      LOG.info("WireGuard: hears " + heard);
      apply();
    } else if (behind || !unheeded(now, heard).equals(unheeded)) {
      apply();
    }
  }

  private void tellQuiet() {
    for (WireKey k : hearing.quiet(QUIET_NANOS)) {
      String name = names.get(k);
      WireRecord record = name == null ? null : records.get(name);
      if (record == null || record.member() == null || !live.contains(name)) {
        continue;
      }
      // a pair a relay carries is reached: its member port answers through the relay
      if (plan == null || plan.relay(self, name).isEmpty()) {
        Set<String> others = new HashSet<>(live);
        others.remove(self);
        others.remove(name);
        quietPeers.quiet(name, record.member(), others);
      }
    }
  }

  /** The live hosts this host hears, from which no word came lately (see {@link Silence}). */
  private Set<String> unheeded(long now, Map<String, Reach> heard) {
    Set<String> others = new HashSet<>(live);
    others.remove(self);
    heard.forEach((host, reach) -> {
      if (reach != Reach.UP) {
        silence.unheard(host);
      }
    });
    Set<String> out = new TreeSet<>(silence.silent(others, now));
    out.removeIf(h -> heard.get(h) != Reach.UP);
    return out;
  }

  /** Whether a peer's agent is in this host's cluster and its entry says it counts this host live. */
  private boolean sendsLive(WireKey k) {
    String name = names.get(k);
    WireRecord record = name == null ? null : records.get(name);
    return record != null && live.contains(name) && record.countsLive(self);
  }

  private void kick(List<WireKey> kicks) {
    List<PeerChange> now = new ArrayList<>();
    List<PeerChange> after = new ArrayList<>();
    for (WireKey k : kicks) {
      now.add(PeerChange.kick(k, 1));
      if (!live.contains(names.get(k))) {
        // a host without its agent: one keepalive, then quiet again, so its own keepalives speak
        after.add(new PeerChange(k, false, null, null, 0, false));
      }
    }
    try {
      choice.device().apply(DeviceChange.of(now));
      if (!after.isEmpty()) {
        choice.device().apply(DeviceChange.of(after));
      }
    } catch (RuntimeException e) {
      LOG.fine("keepalives not sent: " + e.getMessage());
    }
  }

  private Map<String, Reach> heardByName() {
    Map<String, Reach> heard = new HashMap<>();
    hearing.reaches().forEach((k, reach) -> {
      String name = names.get(k);
      if (name != null) {
        heard.put(name, reach);
      }
    });
    return heard;
  }

  private boolean apply() {
    long now = System.nanoTime();
    Map<WireKey, String> byKey = new HashMap<>();
    records.values().forEach(r -> byKey.put(WireKey.fromBase64(r.key()), r.name()));
    names = byKey;
    for (String name : records.keySet()) {
      if (live.contains(name) || name.equals(self)) {
        outSince.remove(name);
      } else {
        outSince.putIfAbsent(name, now);
      }
    }
    Map<String, Reach> heard = heardByName();
    Set<String> counted = new HashSet<>(live);
    counted.remove(self);
    String me = member.get();
    if (!heard.equals(own.heard()) || !counted.equals(own.live()) || !me.equals(own.member())) {
      own = own.withHeard(heard).withLive(counted).withMember(me).writtenAt(System.currentTimeMillis());
      publish.accept(own);
    }
    Map<String, WireRecord> all = new HashMap<>(records);
    all.put(self, own);
    Set<String> unrecorded = new TreeSet<>(live);
    unrecorded.removeAll(all.keySet());
    if (!unrecorded.equals(this.unrecorded)) {
      // its WireGuard packets are dropped here, and it is no peer of this host's, until its entry comes
      LOG.info("WireGuard: no wire entry yet for " + unrecorded + ", whose agents are in the cluster"
          + (this.unrecorded.isEmpty() ? "" : ", was " + this.unrecorded));
      this.unrecorded = unrecorded;
    }
    Set<String> silentNow = unheeded(now, heard);
    if (!silentNow.equals(unheeded)) {
      LOG.info("WireGuard: no word lately from " + silentNow + ", heard over WireGuard: their last word on "
          + "their pair with this host not counted" + (unheeded.isEmpty() ? "" : ", was " + unheeded));
      unheeded = silentNow;
    }
    all = Silence.heeding(all, self, unheeded);
    Set<String> liveAndSelf = new HashSet<>(live);
    liveAndSelf.add(self);
    Set<String> gone = new HashSet<>(removed);
    gone.removeAll(liveAndSelf);
    List<WireRecord> in = Roster.inDataPlane(self, all, liveAndSelf, heard, gone, outSince, now);
    WirePlan before = plan;
    plan = WirePlan.of(self, in, liveAndSelf);
    logRelays(before, plan);
    Set<String> relaying = plan.relayedThrough(self);
    if (!relaying.equals(own.relaying())) {
      // said before the kernel follows: should this agent die now, its word does not overstate
      // what the kernel carries by more than this round
      own = own.withRelaying(relaying).writtenAt(System.currentTimeMillis());
      publish.accept(own);
    }
    atRest = relaying.isEmpty() && this.unrecorded.isEmpty()
        && all.keySet().stream().filter(h -> !h.equals(self) && !gone.contains(h)).allMatch(h -> heard.get(h) == Reach.UP)
        && plan.paths().stream().noneMatch(WirePlan.Path::relayed);
    boolean prune = now - startedAt > SETTLE_NANOS;

    Map<String, InetAddress> addresses = new LinkedHashMap<>();
    Set<InetAddress> sealed = new HashSet<>();
    Set<InetAddress> relayed = new HashSet<>();
    for (WirePlan.Path p : plan.paths()) {
      InetAddress a = inet(plan.hosts().get(p.host()).address());
      addresses.put(p.host(), a);
      if (p.sealed()) {
        sealed.add(a);
      }
      if (p.control()) {
        relayed.add(a);
      }
    }
    boolean changed = false;
    try {
      applyDevice(prune, all, gone);
      routing.follow(sealed, relayed, prune);
      if (behind) {
        LOG.info("WireGuard brought in line with the fleet again");
      }
      behind = false;
    } catch (RuntimeException e) {
      if (!behind) {
        LOG.warning("WireGuard not brought in line with the fleet (trying again every "
            + "poll): " + e.getMessage());
      }
      behind = true;
    }
    // every host with a wire entry, its agent running or not, may speak to WireGuard; rmpeer's not
    Set<InetAddress> members = new HashSet<>();
    all.forEach((name, r) -> {
      if (!gone.contains(name)) {
        members.add(inet(r.address()));
      }
    });
    changed |= overlay.follow(addresses, endpoints, sealed, members, prune);
    try {
      view.write(self, choice, own.encrypt(), mtu, plan, liveAndSelf);
    } catch (RuntimeException e) {
      LOG.warning("the wire's view not written: " + e.getMessage());
    }
    return changed;
  }

  /** A relay taken or left is the one change of path worth a line: when a pair moved tells why a test waited. */
  private static void logRelays(WirePlan before, WirePlan after) {
    Map<String, String> was = relays(before);
    Map<String, String> now = relays(after);
    if (!was.equals(now)) {
      LOG.info("WireGuard: relayed " + now + (was.isEmpty() ? "" : ", was " + was));
    }
  }

  private static Map<String, String> relays(WirePlan plan) {
    Map<String, String> out = new TreeMap<>();
    if (plan != null) {
      plan.paths().stream().filter(WirePlan.Path::relayed).forEach(p -> out.put(p.host(), p.via()));
    }
    return out;
  }

  /**
   * The device's peers: each host the data plane carries traffic to, with the addresses it
   * carries; and every other host of the fleet (its entry there, not removed) with none, so that
   * this host goes on hearing it. A host left out of the data plane (not in this cluster after a
   * split, and judged not heard meanwhile) would otherwise never be heard again, and so never come
   * back in: seen in a whole test run, where a host split from its fleet dropped every peer from
   * its device within seconds and stayed alone.
   */
  private void applyDevice(boolean prune, Map<String, WireRecord> fleet, Set<String> gone) {
    List<WirePeer> peers = new ArrayList<>();
    for (Map.Entry<String, Set<String>> carried : plan.carried().entrySet()) {
      WireRecord peer = plan.hosts().get(carried.getKey());
      List<IpNet> allowed = carried.getValue().stream().sorted()
          .map(h -> new IpNet(inet(plan.hosts().get(h).address()), 32)).toList();
      peers.add(new WirePeer(WireKey.fromBase64(peer.key()),
          new InetSocketAddress(inet(peer.address()), peer.port()), allowed,
          live.contains(peer.name()) ? 1 : 0));
    }
    for (WireRecord other : fleet.values()) {
      if (!other.name().equals(self) && !gone.contains(other.name()) && !plan.hosts().containsKey(other.name())) {
        peers.add(new WirePeer(WireKey.fromBase64(other.key()),
            new InetSocketAddress(inet(other.address()), other.port()), List.of(), 0));
      }
    }
    DeviceChange change = DeviceChanges.toReach(choice.device().read(), key, PORT, peers);
    if (!prune) {
      change = DeviceChange.of(change.peers().stream().filter(p -> !p.remove()).toList());
    }
    if (!change.isEmpty()) {
      LOG.fine("WireGuard peers: " + change.peers().size() + " changed");
      choice.device().apply(change);
    }
  }

  /** Each other host as this host reaches it now, for {@code weft status} and {@code weft peers}. */
  public List<WirePlan.Path> paths() {
    return plan == null ? List.of() : plan.paths();
  }

  /**
   * The host leaves the fleet for good ({@code weft stop}): its routing rules go; the others drop
   * it once its entry is gone from the map, which the caller does.
   */
  public void leave(int vxlanPort, List<Integer> controlPorts) {
    try {
      new WireRouting(host, WireGuardDevice.NAME).remove(vxlanPort, controlPorts);
    } catch (NetlinkException e) {
      LOG.warning("WireGuard's routing rules not removed: " + e.getMessage());
    }
  }

  private static InetAddress inet(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + address, e);
    }
  }
}
