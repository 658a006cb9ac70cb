package io.weft.agent;

import java.time.Duration;

/**
 * Every period of the agent's periodic work, in one place, with why it is what it is: together
 * they are most of what a fleet at rest costs each host.
 */
final class AgentPeriods {

  /** The state volume's connect file, which {@code weft connect} and {@code forget} edit. */
  static final Duration CONNECT_POLL = Duration.ofSeconds(1);

  /**
   * The peer table, the overlay's entries and the address record read again: replicated maps
   * filled again after a merge tell their listeners nothing of what came back. This often only
   * while the fleet settles ({@link #SETTLING}); at rest, every {@link #REFRESH_AT_REST}.
   */
  static final Duration REFRESH = Duration.ofSeconds(2);

  /**
   * How long after this agent's start, and after a member joined, left or merged, the fleet is
   * settling: its maps are refilled within seconds of a change, and a republished entry
   * ({@link #REPUBLISH}) within its period.
   */
  static final Duration SETTLING = Duration.ofSeconds(60);

  /**
   * {@link #REFRESH} and {@link #DNS_KEEP}'s look at the maps at rest, where every change reaches
   * the listeners and the look is a safety net: at twenty hosts each look reads every host's
   * entries, and every two seconds was most of an agent's CPU at rest.
   */
  static final Duration REFRESH_AT_REST = Duration.ofSeconds(30);

  /** The overlay's health, as the peer table shows it; a broken overlay is made again the next round. */
  static final Duration HEALTH_CHECK = Duration.ofSeconds(2);

  /**
   * The kernel's forwarding entries compared with the fleet's, changed or not: a reconcile cut
   * short by a netlink error (seen once in twenty faults) has nothing else to set it off again.
   */
  static final Duration RECHECK = Duration.ofSeconds(10);

  /**
   * Each host's own entries entered again ({@link Republishing}): an entry put while a merge was
   * still settling can miss every copy (once in ten splits in the fault suite), so such a gap
   * closes within this period.
   */
  static final Duration REPUBLISH = Duration.ofSeconds(30);

  /**
   * After a member joined, each host's own entries entered again this often, a few times
   * ({@link Republishing#JOIN_ECHOES}): the newcomer's copies of the maps may not take what was
   * entered the moment it joined. Between joins, the tick costs nothing.
   */
  static final Duration JOIN_ECHO = Duration.ofSeconds(2);

  /**
   * WireGuard's counters read, and keepalives sent where due: a path is found cut 2.5 s after
   * the last packet heard on it (see wire.Hearing), and this is the grain of that wait.
   */
  static final Duration WIRE_POLL = Duration.ofMillis(200);

  /**
   * This host's wire entry said on the bus to every agent, changed or not, while the fleet settles
   * or any of this host's pairs is down or relayed: a peer that hears this host over WireGuard but
   * has had no word from it for a few of these stops counting its last word on their pair (see
   * wire.Silence).
   */
  static final Duration WIRE_SAY = Duration.ofSeconds(1);

  /**
   * The same at rest, every pair direct and heard: each saying tells when the next comes, so a
   * peer waits that long before it calls this host silent. Every second from every host to every
   * other was a bus message per ordered pair and second at rest, growing with the square of the fleet.
   */
  static final Duration WIRE_SAY_AT_REST = Duration.ofSeconds(10);

  /** Containers, their addresses, their names and Docker's endpoints looked at whole: in case an event was lost. */
  static final Duration RECONCILE = Duration.ofSeconds(60);

  /**
   * The resolvers and the DNS address read again; the DNS index compared with its map and this
   * host's names kept in step at this period while the fleet settles, at {@link
   * #REFRESH_AT_REST} at rest.
   */
  static final Duration DNS_KEEP = Duration.ofSeconds(2);

  /**
   * A host whose fleet's salt may move (founded alone, or of the first scheme) asks its
   * candidates outside the cluster which fleet they are: how soon it joins its peers' fleet once
   * they answer, against a TLS handshake with each away candidate this often.
   */
  static final Duration SALT_LOOK = Duration.ofSeconds(5);

  private AgentPeriods() {}
}
