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
 * peers alone. The kernel's VXLAN socket listens on every address of the host and would take a
 * frame from anyone who reaches the port and put it on the bridge; this table, kept equal to the
 * peers the overlay floods to, drops the rest before the socket sees them, and counts them. Only
 * weft's network identifier is filtered: other VXLAN users of the port (Docker's own overlay
 * networks, say) are left alone.
 *
 * <pre>
 * table ip weft {
 *   set peers { type ipv4_addr; elements = { 172.29.0.12, 172.29.0.13 } }
 *   chain input {
 *     type filter hook input priority filter; policy accept;
 *     udp dport 4789 @th,96,24 0x1a7f ip saddr != @peers counter drop
 *   }
 * }
 * </pre>
 *
 * Written whole in one nf_tables transaction at each change, through netlink (no {@code nft}
 * process, no package in the image). It authenticates nothing: a sender that can forge a peer's
 * source address still gets through (see docs/security.md).
 */
final class VxlanGuard {

  static final String TABLE = "weft";
  static final String CHAIN = "input";
  static final String PEERS = "peers";
  private static final int UDP = 17;
  /**
   * In the IPv4 header: the source address. From the UDP header's start: the destination port,
   * and the VXLAN header's network identifier (after UDP's 8 bytes and VXLAN's 4 of flags).
   */
  private static final int SOURCE_OFFSET = 12;
  private static final int PORT_OFFSET = 2;
  private static final int VNI_OFFSET = 8 + 4;

  private final NfTables nft;
  private Set<Inet4Address> applied;
  private int appliedPort;
  private int appliedVni;

  VxlanGuard(NfTables nft) {
    this.nft = nft;
  }

  /**
   * From now on, VXLAN of network {@code vni} on {@code port} is taken from {@code peers} alone;
   * a no-op when so already.
   */
  void allowOnly(Set<InetAddress> peers, int port, int vni) {
    Set<Inet4Address> v4 = new HashSet<>();
    peers.forEach(p -> {
      if (p instanceof Inet4Address a) {
        v4.add(a);
      }
    });
    if (v4.equals(applied) && port == appliedPort && vni == appliedVni) {
      return;
    }
    nft.replace(table(v4, port, vni));
    applied = Set.copyOf(v4);
    appliedPort = port;
    appliedVni = vni;
  }

  /** The table, exactly as {@link #allowOnly} puts it in place. */
  static NfTable table(Set<Inet4Address> peers, int port, int vni) {
    return new NfTable(TABLE)
        .addressSet(PEERS, peers)
        .filterChain(CHAIN, NfConst.NF_INET_LOCAL_IN, 0)
        .rule(CHAIN,
            NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
            NfExpr.transportHeader(PORT_OFFSET, 2), NfExpr.equal(new byte[] {(byte) (port >> 8), (byte) port}),
            NfExpr.transportHeader(VNI_OFFSET, 3),
            NfExpr.equal(new byte[] {(byte) (vni >> 16), (byte) (vni >> 8), (byte) vni}),
            NfExpr.networkHeader(SOURCE_OFFSET, 4), NfExpr.notIn(PEERS),
            NfExpr.counter(), NfExpr.drop());
  }
}
