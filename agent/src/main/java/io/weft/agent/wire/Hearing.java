package io.weft.agent.wire;

import io.weft.agent.wireguard.DeviceState;
import io.weft.agent.wireguard.PeerState;
import io.weft.agent.wireguard.WireKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which peers this host hears over WireGuard, from the device's receive counters read a few
 * times a second. Every packet of the session between two hosts goes straight between their
 * underlay addresses (a relay carries other hosts' packets, never these), so a counter that stops
 * says the direct path stopped.
 *
 * <p>Something must keep arriving for that to work. WireGuard's persistent keepalive is sent only
 * when nothing else went by for its interval, received packets included, so of two hosts sending
 * keepalives one can fall silent for as long as the other keeps sending. So the agent itself sends
 * a keepalive ({@link #observe}'s kicks) to each peer whose transmit counter stood still for {@link
 * #LIVE_KICK}: while two agents run, each hears the other at least that often. To a host whose
 * agent is not in this host's cluster (dead, or on the other side of a split) the agent sends
 * seldom ({@link #LINGERING_KICK}), and asks its device for no keepalive of its own: that host's
 * device, left with a one-second keepalive by its agent, then speaks in the gaps. Pure: the caller
 * brings the clock and the readings.
 */
final class Hearing {

  /**
   * A peer whose agent runs is not heard when nothing came from it for this long: its agent sends
   * at least every {@link #LIVE_KICK} and a poll. Long enough for a stall on a loaded host: a whole
   * test run on two cores saw a pair that was not cut go unheard for over a second, as an agent
   * or wireguard-go in its container waited for the processor, and move to a relay the third host
   * was not yet ready to be. Short, for the cluster's sake: a member connection whose data goes
   * unacknowledged for 8 s is closed, so a relay must carry it before then.
   */
  static final long LIVE_DOWN_NANOS = 2_500_000_000L;
  /** A peer without a running agent: its device's keepalives alone, and a passive one every 10 s. */
  static final long LINGERING_DOWN_NANOS = 12_000_000_000L;
  /** A peer heard again after it was not counts as heard once it has been for this long. */
  static final long UP_AGAIN_NANOS = 2_000_000_000L;
  /**
   * A peer is judged at {@link #LIVE_DOWN_NANOS} only once it has said, for this long, that it
   * counts this host live (its wire entry lists this host: it sends keepalives every {@link
   * #LIVE_KICK}), and only while this host counts it live too. Until then it sends only every
   * {@link #LINGERING_KICK}: judged at the short bound it would look cut, and the pair would be
   * moved to a relay and back while both agents start, the cluster's own connections with it; and
   * a peer judged down comes back up only after hearing it for {@link #UP_AGAIN_NANOS} without a
   * gap, which a peer sending every 3 s never gives. Its say is read from the replicated map, a
   * little late: the wait covers that and the peer's next poll.
   */
  static final long LIVE_SETTLE_NANOS = 4_000_000_000L;
  /**
   * A settled peer never heard since this host first saw it is judged after this long: its
   * first handshake may have been lost (the other end did not know this host's key yet, or its
   * guard this host's address), and WireGuard tries again only after its REKEY_TIMEOUT, 5 s
   * and up to a third of a second of jitter. At {@link #LIVE_DOWN_NANOS} from the settling such a
   * pair was judged cut a moment before that retry, and moved to a relay while nothing was cut.
   */
  static final long FIRST_HANDSHAKE_NANOS = 8_000_000_000L;
  static final long LIVE_KICK = 300_000_000L;
  static final long LINGERING_KICK = 3_000_000_000L;

  private static final class Peer {
    final long firstSeen;
    long rx;
    long rxChangedAt = Long.MIN_VALUE;
    long tx;
    long txChangedAt;
    Reach reach;
    long heardAgainSince = Long.MIN_VALUE;
    /** Since when it has sent at the live rate without a break, as this host knows; MIN_VALUE while not. */
    long sendsLiveSince = Long.MIN_VALUE;
    long lastReading;

    /** Whether it has sent at the live rate long enough, at the last reading, to be judged by it. */
    boolean settled() {
      return sendsLiveSince != Long.MIN_VALUE
          && lastReading - Math.max(sendsLiveSince, firstSeen) >= LIVE_SETTLE_NANOS;
    }

    long lastHeard() {
      return rxChangedAt == Long.MIN_VALUE ? firstSeen : rxChangedAt;
    }

    Peer(long now, PeerState p) {
      firstSeen = now;
      lastReading = now;
      rx = p.rxBytes();
      tx = p.txBytes();
      txChangedAt = now;
    }
  }

  private final Map<WireKey, Peer> peers = new HashMap<>();

  /**
   * Takes a reading of the device at {@code now} (nanoseconds of a monotonic clock) and returns
   * the peers to send a keepalive to now.
   *
   * @param live whether a peer's agent is in this host's cluster now: it is sent keepalives at the live rate
   * @param sendsLive whether a peer's agent is in this host's cluster and says it counts this host live:
   *     it sends keepalives at the live rate
   */
  List<WireKey> observe(long now, DeviceState device, Predicate<WireKey> live, Predicate<WireKey> sendsLive) {
    List<WireKey> kicks = new ArrayList<>();
    Set<WireKey> present = new HashSet<>();
    for (PeerState p : device.peers()) {
      present.add(p.key());
      Peer peer = peers.get(p.key());
      if (peer == null) {
        peers.put(p.key(), new Peer(now, p));
        continue;
      }
      peer.lastReading = now;
      boolean isLive = live.test(p.key());
      if (!sendsLive.test(p.key())) {
        peer.sendsLiveSince = Long.MIN_VALUE;
      } else if (peer.sendsLiveSince == Long.MIN_VALUE) {
        peer.sendsLiveSince = now;
      }
      if (p.rxBytes() != peer.rx) {
        peer.rx = p.rxBytes();
        peer.rxChangedAt = now;
        if (peer.reach == Reach.DOWN && peer.heardAgainSince == Long.MIN_VALUE) {
          peer.heardAgainSince = now;
        }
      }
      if (p.txBytes() != peer.tx) {
        peer.tx = p.txBytes();
        peer.txChangedAt = now;
      }
      long bound = !peer.settled() ? LINGERING_DOWN_NANOS
          : peer.rxChangedAt == Long.MIN_VALUE ? FIRST_HANDSHAKE_NANOS : LIVE_DOWN_NANOS;
      if (now - peer.lastHeard() >= bound) {
        peer.reach = Reach.DOWN;
        peer.heardAgainSince = Long.MIN_VALUE;
      } else if (peer.rxChangedAt != Long.MIN_VALUE) {
        if (peer.reach == null) {
          peer.reach = Reach.UP;
        } else if (peer.reach == Reach.DOWN && now - peer.heardAgainSince >= UP_AGAIN_NANOS) {
          peer.reach = Reach.UP;
          peer.heardAgainSince = Long.MIN_VALUE;
        }
      }
      if (now - peer.txChangedAt >= (isLive ? LIVE_KICK : LINGERING_KICK)) {
        kicks.add(p.key());
        peer.txChangedAt = now; // kicked: not again before the next interval, sent or not
      }
    }
    peers.keySet().retainAll(present);
    return kicks;
  }

  /**
   * The peers heard at least once from which nothing came for at least {@code quiet}
   * (nanoseconds) at the last reading. A settled one has missed several of its agent's
   * keepalives, well before the {@link #LIVE_DOWN_NANOS} that takes it for unheard; one still
   * settling may send only every {@link #LINGERING_KICK} and be quiet between two, but it is
   * named all the same: a host cut off just as it rejoined must be told as soon, and a false word
   * costs one try of its member port, which answers.
   */
  List<WireKey> quiet(long quiet) {
    List<WireKey> out = new ArrayList<>();
    peers.forEach((key, peer) -> {
      if (peer.rxChangedAt != Long.MIN_VALUE && peer.lastReading - peer.lastHeard() >= quiet) {
        out.add(key);
      }
    });
    return out;
  }

  /** What each peer is now: heard, or no longer; a peer not yet decided either way is left out. */
  Map<WireKey, Reach> reaches() {
    Map<WireKey, Reach> out = new HashMap<>();
    peers.forEach((key, peer) -> {
      if (peer.reach != null) {
        out.put(key, peer.reach);
      }
    });
    return out;
  }
}
