package io.weft.agent.overlay;

import io.weft.agent.netlink.NetlinkException;
import io.weft.agent.netlink.NfExpr;
import io.weft.agent.netlink.NfTable;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.netlink.NfVerdict;
import io.weft.agent.netlink.wire.NfConst;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The data plane's door: VXLAN datagrams of weft's network are taken from the fleet's current
 * peers alone, and from a peer whose traffic is sealed (it goes through WireGuard: every peer of
 * an encrypted fleet, and relayed pairs in a plain one) only as they come out of WireGuard's
 * device, never straight off the underlay, where anyone on the path could forge them. The kernel's
 * VXLAN socket listens on every address of the host and would take a frame from anyone who
 * reaches the port and put it on the bridge; this table drops the rest before the socket sees
 * them, and counts them. Only weft's network identifier is filtered: other VXLAN users of the
 * port (Docker's own overlay networks, say) are left alone. And what arrives through WireGuard
 * for another host (a relay's work) may only go back into WireGuard, never out to the underlay.
 *
 * <p>WireGuard's own port takes datagrams from the fleet's hosts alone ({@code members}: every
 * host with a wire entry, its agent running or not), once the agent knows them: a stranger's
 * flood of handshake initiations would otherwise cost wireguard-go the time it owes the fleet's
 * packets (a flood of 780,000 in 10 s made a pair look cut), and WireGuard answers no stranger
 * anyway. Until the fleet is known (an agent's first moments on a host that booted) the rule is
 * left out rather than shutting every peer out.
 *
 * <pre>
 * table ip weft {
 *   map peers { type ipv4_addr : verdict; elements = { 172.29.0.12 : accept, 172.29.0.13 : jump sealed } }
 *   set members { type ipv4_addr; elements = { 172.29.0.12, 172.29.0.13 } }
 *   chain input {
 *     type filter hook input priority filter; policy accept;
 *     udp dport 4789 @th,96,24 0x1a7f ip saddr vmap @peers
 *     udp dport 4789 @th,96,24 0x1a7f counter drop
 *     udp dport 6784 ip saddr != @members counter drop
 *   }
 *   chain forward {
 *     type filter hook forward priority filter; policy accept;
 *     iifname "weft-wg" oifname != "weft-wg" counter drop
 *   }
 *   chain sealed {
 *     iifname != "weft-wg" counter drop
 *     accept
 *   }
 * }
 * </pre>
 *
 * Every VXLAN datagram of weft's network costs one map lookup: a plain peer's is taken there, a
 * sealed peer's goes through {@code sealed}, anyone else's falls to the drop. (Two rules, each with
 * its own set lookup, cost the plain data plane about 7 % of its throughput against hand-built
 * VXLAN; the map, none measurable.)
 *
 * Written whole in one nf_tables transaction at each change, through netlink (no {@code nft}
 * process, no package in the image).
 */
final class VxlanGuard {

  private static final Logger LOG = Logger.getLogger(VxlanGuard.class.getName());

  static final String TABLE = "weft";
  static final String CHAIN = "input";
  static final String FORWARD = "forward";
  /** The map from each peer's address to what its VXLAN gets: taken, or checked in {@link #SEALED}. */
  static final String PEERS = "peers";
  /** The chain a sealed peer's VXLAN goes through: taken only out of WireGuard. */
  static final String SEALED = "sealed";
  static final String MEMBERS = "members";
  private static final int UDP = 17;
  /**
   * In the IPv4 header: the source address. From the UDP header's start: the destination port,
   * and the VXLAN header's network identifier (after UDP's 8 bytes and VXLAN's 4 of flags).
   */
  private static final int SOURCE_OFFSET = 12;
  private static final int PORT_OFFSET = 2;
  private static final int VNI_OFFSET = 8 + 4;

  private final NfTables nft;
  private final String wireguard;
  private final int wireguardPort;
  private Set<Inet4Address> applied;
  private Set<Inet4Address> appliedSealed;
  private Set<Inet4Address> appliedMembers;
  private int appliedPort;
  private int appliedVni;

  /**
   * @param wireguard the name of the WireGuard device sealed traffic comes out of
   * @param wireguardPort the UDP port it listens on
   */
  VxlanGuard(NfTables nft, String wireguard, int wireguardPort) {
    this.nft = nft;
    this.wireguard = wireguard;
    this.wireguardPort = wireguardPort;
  }

  /** Whether a guard is in the kernel already (left by an agent before this one). */
  boolean present() {
    return nft.exists(TABLE);
  }

  /**
   * From now on, VXLAN of network {@code vni} on {@code port} is taken from {@code peers} alone,
   * and from those of them in {@code sealed} only out of WireGuard, and WireGuard's port from
   * {@code members} alone (from anyone while none is known); a no-op when so already.
   */
  void allowOnly(Set<InetAddress> peers, Set<InetAddress> sealed, Set<InetAddress> members, int port, int vni) {
    Set<Inet4Address> v4 = ipv4(peers);
    Set<Inet4Address> sealedV4 = ipv4(sealed);
    Set<Inet4Address> membersV4 = ipv4(members);
    if (v4.equals(applied) && sealedV4.equals(appliedSealed) && membersV4.equals(appliedMembers)
        && port == appliedPort && vni == appliedVni) {
      return;
    }
    nft.replace(table(v4, sealedV4, membersV4, port, vni, wireguard, wireguardPort));
    applied = Set.copyOf(v4);
    appliedSealed = Set.copyOf(sealedV4);
    appliedMembers = Set.copyOf(membersV4);
    appliedPort = port;
    appliedVni = vni;
  }

  /**
   * Lets VXLAN in from {@code peers} too (those in {@code sealed} only out of WireGuard), and
   * WireGuard from {@code members}, keeping whom the guard in the kernel lets in already: for an
   * agent that does not know the whole fleet yet, beside a guard an agent before it left.
   */
  void alsoAllow(Set<InetAddress> peers, Set<InetAddress> sealed, Set<InetAddress> members) {
    Set<Inet4Address> v4 = ipv4(peers);
    Set<Inet4Address> sealedV4 = ipv4(sealed);
    Set<Inet4Address> membersV4 = ipv4(members);
    if (!v4.isEmpty() || !sealedV4.isEmpty()) {
      addPeers(verdicts(v4, sealedV4), v4, sealedV4);
    }
    if (!membersV4.isEmpty()) {
      try {
        nft.addElements(new NfTable(TABLE).addressSet(MEMBERS, membersV4));
      } catch (NetlinkException olderGuard) {
        // a guard from an agent before the members set: it lets WireGuard in from anyone already
      }
    }
    applied = null; // the kernel's sets now hold more than any whole table this guard put in
  }

  /** Adds peers to the kernel's guard, whichever layout an agent before this one left there. */
  private void addPeers(Map<Inet4Address, NfVerdict> verdicts, Set<Inet4Address> peers, Set<Inet4Address> sealed) {
    if (added(new NfTable(TABLE).verdictMap(PEERS, verdicts))) {
      return;
    }
    // a guard from an agent before the map: its peers and sealed are sets
    if (added(new NfTable(TABLE).addressSet(PEERS, peers).addressSet(SEALED, sealed))) {
      return;
    }
    // a peer the kernel's guard holds with another verdict (sealed since) fails the whole
    // transaction: each peer alone, then; that one keeps its verdict until the whole table,
    // written once this agent knows the fleet, settles it
    verdicts.forEach((peer, verdict) -> added(new NfTable(TABLE).verdictMap(PEERS, Map.of(peer, verdict))));
  }

  private boolean added(NfTable elements) {
    try {
      nft.addElements(elements);
      return true;
    } catch (NetlinkException refused) {
      LOG.fine(() -> "the guard in the kernel took none of " + elements.name() + "'s elements: "
          + refused.getMessage());
      return false;
    }
  }

  private static Set<Inet4Address> ipv4(Set<InetAddress> addresses) {
    Set<Inet4Address> v4 = new HashSet<>();
    addresses.forEach(p -> {
      if (p instanceof Inet4Address a) {
        v4.add(a);
      }
    });
    return v4;
  }

  /** The table, exactly as {@link #allowOnly} puts it in place. */
  static NfTable table(Set<Inet4Address> peers, Set<Inet4Address> sealed, Set<Inet4Address> members,
      int port, int vni, String wireguard, int wireguardPort) {
    byte[] portBytes = {(byte) (port >> 8), (byte) port};
    byte[] vniBytes = {(byte) (vni >> 16), (byte) (vni >> 8), (byte) vni};
    byte[] device = NfExpr.interfaceName(wireguard);
    NfTable table = new NfTable(TABLE)
        .addressSet(MEMBERS, members)
        .filterChain(CHAIN, NfConst.NF_INET_LOCAL_IN, 0)
        .filterChain(FORWARD, NfConst.NF_INET_FORWARD, 0)
        .regularChain(SEALED)
        .verdictMap(PEERS, verdicts(peers, sealed))
        .rule(CHAIN,
            NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
            NfExpr.transportHeader(PORT_OFFSET, 2), NfExpr.equal(portBytes),
            NfExpr.transportHeader(VNI_OFFSET, 3), NfExpr.equal(vniBytes),
            NfExpr.networkHeader(SOURCE_OFFSET, 4), NfExpr.verdictOf(PEERS))
        .rule(CHAIN,
            NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
            NfExpr.transportHeader(PORT_OFFSET, 2), NfExpr.equal(portBytes),
            NfExpr.transportHeader(VNI_OFFSET, 3), NfExpr.equal(vniBytes),
            NfExpr.counter(), NfExpr.drop())
        .rule(SEALED,
            NfExpr.inInterfaceName(), NfExpr.notEqual(device),
            NfExpr.counter(), NfExpr.drop())
        .rule(SEALED, NfExpr.accept())
        .rule(FORWARD,
            NfExpr.inInterfaceName(), NfExpr.equal(device),
            NfExpr.outInterfaceName(), NfExpr.notEqual(device),
            NfExpr.counter(), NfExpr.drop());
    if (!members.isEmpty()) {
      table = table.rule(CHAIN,
          NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
          NfExpr.transportHeader(PORT_OFFSET, 2),
          NfExpr.equal(new byte[] {(byte) (wireguardPort >> 8), (byte) wireguardPort}),
          NfExpr.networkHeader(SOURCE_OFFSET, 4), NfExpr.notIn(MEMBERS),
          NfExpr.counter(), NfExpr.drop());
    }
    return table;
  }

  /** Each peer's verdict: taken, or, when sealed, through the {@link #SEALED} chain. */
  static Map<Inet4Address, NfVerdict> verdicts(Set<Inet4Address> peers, Set<Inet4Address> sealed) {
    Map<Inet4Address, NfVerdict> verdicts = new HashMap<>();
    // an address sealed but no peer's has no entry: its VXLAN falls to the drop
    peers.forEach(p -> verdicts.put(p, sealed.contains(p) ? NfVerdict.jump(SEALED) : NfVerdict.accept()));
    return verdicts;
  }
}
