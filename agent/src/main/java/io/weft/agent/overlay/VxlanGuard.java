package io.weft.agent.overlay;

import io.weft.agent.netlink.NfExpr;
import io.weft.agent.netlink.NfTable;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.netlink.wire.NfConst;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

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
 * <pre>
 * table ip weft {
 *   set peers { type ipv4_addr; elements = { 172.29.0.12, 172.29.0.13 } }
 *   set sealed { type ipv4_addr; elements = { 172.29.0.12, 172.29.0.13 } }
 *   chain input {
 *     type filter hook input priority filter; policy accept;
 *     udp dport 4789 @th,96,24 0x1a7f ip saddr != @peers counter drop
 *     udp dport 4789 @th,96,24 0x1a7f iifname != "weft-wg" ip saddr @sealed counter drop
 *   }
 *   chain forward {
 *     type filter hook forward priority filter; policy accept;
 *     iifname "weft-wg" oifname != "weft-wg" counter drop
 *   }
 * }
 * </pre>
 *
 * Written whole in one nf_tables transaction at each change, through netlink (no {@code nft}
 * process, no package in the image).
 */
final class VxlanGuard {

  static final String TABLE = "weft";
  static final String CHAIN = "input";
  static final String FORWARD = "forward";
  static final String PEERS = "peers";
  static final String SEALED = "sealed";
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
  private Set<Inet4Address> applied;
  private Set<Inet4Address> appliedSealed;
  private int appliedPort;
  private int appliedVni;

  /** @param wireguard the name of the WireGuard device sealed traffic comes out of */
  VxlanGuard(NfTables nft, String wireguard) {
    this.nft = nft;
    this.wireguard = wireguard;
  }

  /** Whether a guard is in the kernel already (left by an agent before this one). */
  boolean present() {
    return nft.exists(TABLE);
  }

  /**
   * From now on, VXLAN of network {@code vni} on {@code port} is taken from {@code peers} alone,
   * and from those of them in {@code sealed} only out of WireGuard; a no-op when so already.
   */
  void allowOnly(Set<InetAddress> peers, Set<InetAddress> sealed, int port, int vni) {
    Set<Inet4Address> v4 = ipv4(peers);
    Set<Inet4Address> sealedV4 = ipv4(sealed);
    if (v4.equals(applied) && sealedV4.equals(appliedSealed) && port == appliedPort && vni == appliedVni) {
      return;
    }
    nft.replace(table(v4, sealedV4, port, vni, wireguard));
    applied = Set.copyOf(v4);
    appliedSealed = Set.copyOf(sealedV4);
    appliedPort = port;
    appliedVni = vni;
  }

  /**
   * Lets VXLAN in from {@code peers} too (those in {@code sealed} only out of WireGuard), keeping
   * whom the guard in the kernel lets in already: for an agent that does not know the whole fleet
   * yet, beside a guard an agent before it left.
   */
  void alsoAllow(Set<InetAddress> peers, Set<InetAddress> sealed) {
    Set<Inet4Address> v4 = ipv4(peers);
    Set<Inet4Address> sealedV4 = ipv4(sealed);
    if (v4.isEmpty() && sealedV4.isEmpty()) {
      return;
    }
    nft.addElements(new NfTable(TABLE).addressSet(PEERS, v4).addressSet(SEALED, sealedV4));
    applied = null; // the kernel's sets now hold more than any whole table this guard put in
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
  static NfTable table(Set<Inet4Address> peers, Set<Inet4Address> sealed, int port, int vni, String wireguard) {
    byte[] portBytes = {(byte) (port >> 8), (byte) port};
    byte[] vniBytes = {(byte) (vni >> 16), (byte) (vni >> 8), (byte) vni};
    byte[] device = NfExpr.interfaceName(wireguard);
    return new NfTable(TABLE)
        .addressSet(PEERS, peers)
        .addressSet(SEALED, sealed)
        .filterChain(CHAIN, NfConst.NF_INET_LOCAL_IN, 0)
        .filterChain(FORWARD, NfConst.NF_INET_FORWARD, 0)
        .rule(CHAIN,
            NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
            NfExpr.transportHeader(PORT_OFFSET, 2), NfExpr.equal(portBytes),
            NfExpr.transportHeader(VNI_OFFSET, 3), NfExpr.equal(vniBytes),
            NfExpr.networkHeader(SOURCE_OFFSET, 4), NfExpr.notIn(PEERS),
            NfExpr.counter(), NfExpr.drop())
        .rule(CHAIN,
            NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
            NfExpr.transportHeader(PORT_OFFSET, 2), NfExpr.equal(portBytes),
            NfExpr.transportHeader(VNI_OFFSET, 3), NfExpr.equal(vniBytes),
            NfExpr.inInterfaceName(), NfExpr.notEqual(device),
            NfExpr.networkHeader(SOURCE_OFFSET, 4), NfExpr.in(SEALED),
            NfExpr.counter(), NfExpr.drop())
        .rule(FORWARD,
            NfExpr.inInterfaceName(), NfExpr.equal(device),
            NfExpr.outInterfaceName(), NfExpr.notEqual(device),
            NfExpr.counter(), NfExpr.drop());
  }
}
