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
 * The data plane's door: VXLAN datagrams are taken from the fleet's current peers alone. The
 * kernel's VXLAN socket listens on every address of the host and would take a frame from anyone
 * who reaches the port and puts it on the bridge; this table, kept equal to the peers the overlay
 * floods to, drops the rest before the socket sees them, and counts them:
 *
 * <pre>
 * table ip weft {
 *   set peers { type ipv4_addr; elements = { 172.29.0.12, 172.29.0.13 } }
 *   chain input {
 *     type filter hook input priority filter; policy accept;
 *     meta l4proto udp udp dport 4789 ip saddr != @peers counter drop
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
  /** In the IPv4 header: the source address. In the UDP header: the destination port. */
  private static final int SOURCE_OFFSET = 12;
  private static final int PORT_OFFSET = 2;

  private final NfTables nft;
  private Set<Inet4Address> applied;

  VxlanGuard(NfTables nft) {
    this.nft = nft;
  }

  /** From now on, VXLAN on {@code port} is taken from {@code peers} alone; a no-op when so already. */
  void allowOnly(Set<InetAddress> peers, int port) {
    Set<Inet4Address> v4 = new HashSet<>();
    peers.forEach(p -> {
      if (p instanceof Inet4Address a) {
        v4.add(a);
      }
    });
    if (v4.equals(applied)) {
      return;
    }
    nft.replace(table(v4, port));
    applied = Set.copyOf(v4);
  }

  /** The table, exactly as {@link #allowOnly} puts it in place. */
  static NfTable table(Set<Inet4Address> peers, int port) {
    return new NfTable(TABLE)
        .addressSet(PEERS, peers)
        .filterChain(CHAIN, NfConst.NF_INET_LOCAL_IN, 0)
        .rule(CHAIN,
            NfExpr.l4Protocol(), NfExpr.equal(new byte[] {UDP}),
            NfExpr.transportHeader(PORT_OFFSET, 2), NfExpr.equal(new byte[] {(byte) (port >> 8), (byte) port}),
            NfExpr.networkHeader(SOURCE_OFFSET, 4), NfExpr.notIn(PEERS),
            NfExpr.counter(), NfExpr.drop());
  }
}
