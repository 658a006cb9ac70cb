package io.weft.agent.dns;

import io.weft.agent.host.WeftInterfaces;
import io.weft.agent.netlink.NfExpr;
import io.weft.agent.netlink.NfTable;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.netlink.wire.NfConst;
import io.weft.agent.dns.wire.Dns;
import io.weft.common.net.Ipv4;

/**
 * Who may ask weft's DNS: the containers on the bridge, and root on the host. Its answers are the
 * fleet's names and addresses, which a user of the host without root has no business reading, and
 * Linux answers for any of its addresses on any interface, so a machine on the underlay that
 * routes weft's range through the host could ask it too. A table of the agent's own, written
 * whole through netlink at every address the server takes:
 *
 * <pre>
 * table ip weft-dns {
 *   chain output {
 *     type filter hook output priority filter; policy accept;
 *     ip daddr 10.32.0.1 udp dport 53 meta skuid != 0 counter drop
 *     ip daddr 10.32.0.1 tcp dport 53 meta skuid != 0 counter drop
 *   }
 *   chain input {
 *     type filter hook input priority filter; policy accept;
 *     ip daddr 10.32.0.1 udp dport 53 iifname != "weft" iifname != "lo" counter drop
 *     ip daddr 10.32.0.1 tcp dport 53 iifname != "weft" iifname != "lo" counter drop
 *   }
 * }
 * </pre>
 *
 * A process of the host sends from a socket whose owner the output hook sees; a container's
 * queries come in on the bridge and pass no output hook of the host's.
 */
public final class DnsGuard {

  public static final String TABLE = "weft-dns";
  /** Guards nothing: for servers in tests, which must not touch the machine's own firewall. */
  public static final DnsGuard NONE = new DnsGuard(null);
  private static final byte UDP = 17;
  private static final byte TCP = 6;
  private static final int DESTINATION_OFFSET = 16;

  private final NfTables nft;
  private Ipv4 applied;

  /** @param nft the host's nf_tables, through which the table is written */
  public DnsGuard(NfTables nft) {
    this.nft = nft;
  }

  /** From now on only the bridge's containers and root on the host reach {@code address}:53. Blocks. */
  public synchronized void allowOnly(Ipv4 address) {
    if (nft == null || address.equals(applied)) {
      return;
    }
    nft.replace(table(address, WeftInterfaces.BRIDGE));
    applied = address;
  }

  /** The table, exactly as {@link #allowOnly} puts it in place. */
  static NfTable table(Ipv4 address, String bridge) {
    NfTable table = new NfTable(TABLE)
        .filterChain("output", NfConst.NF_INET_LOCAL_OUT, 0)
        .filterChain("input", NfConst.NF_INET_LOCAL_IN, 0);
    for (byte protocol : new byte[] {UDP, TCP}) {
      table.rule("output", toDns(address, protocol, NfExpr.socketUid(), NfExpr.notEqual(new byte[4]),
          NfExpr.counter(), NfExpr.drop()));
      table.rule("input", toDns(address, protocol, NfExpr.inInterfaceName(),
          NfExpr.notEqual(NfExpr.interfaceName(bridge)), NfExpr.notEqual(NfExpr.interfaceName("lo")),
          NfExpr.counter(), NfExpr.drop()));
    }
    return table;
  }

  /** {@code ip daddr ADDRESS PROTOCOL dport 53}, then {@code rest}. */
  private static NfExpr[] toDns(Ipv4 address, byte protocol, NfExpr... rest) {
    NfExpr[] head = {
        NfExpr.networkHeader(DESTINATION_OFFSET, 4), NfExpr.equal(address.toBytes()),
        NfExpr.l4Protocol(), NfExpr.equal(new byte[] {protocol}),
        NfExpr.transportHeader(2, 2), NfExpr.equal(new byte[] {0, (byte) Dns.PORT})};
    NfExpr[] all = new NfExpr[head.length + rest.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(rest, 0, all, head.length, rest.length);
    return all;
  }
}
