package io.weft.agent.ports;

import io.weft.agent.netlink.NfExpr;
import io.weft.agent.netlink.NfTable;
import io.weft.agent.netlink.NfTables;
import io.weft.agent.netlink.wire.NfConst;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Weft's public TCP ports on the underlay address (6783 Hazelcast, 6785 the event bus, 6786 the
 * bridge) out of the reach of the host's other users. Any user may bind an unprivileged port
 * before the agent starts, and one bound to underlay:6783 kept the host out of its fleet. So each
 * of these servers listens on a port the kernel picks as it binds, which no one can hold before
 * it, and the kernel's destination NAT, in a table of the agent's own, sends every connection to
 * a public port there before any socket is looked up: a process bound to the public port receives
 * nothing, and the wire keeps the ports peers, clients and firewalls know. A public port whose
 * server is not listening (the agent starting or stopped) is refused with a reset, as a closed
 * port is, so no one else's socket ever gets a connection to it either.
 *
 * <pre>
 * table ip weft-ports {
 *   chain prerouting {
 *     type nat hook prerouting priority dstnat; policy accept;
 *     ip daddr 172.29.0.11 tcp dport 6783 dnat to 172.29.0.11:41234
 *   }
 *   chain output {
 *     type nat hook output priority -100; policy accept;
 *     ip daddr 172.29.0.11 tcp dport 6783 dnat to 172.29.0.11:41234
 *   }
 *   chain input {
 *     type filter hook input priority filter; policy accept;
 *     ip daddr 172.29.0.11 tcp dport { 6783, 6785, 6786 } counter reject with tcp reset
 *   }
 *   chain output-refused { type filter hook output priority filter; ... the same }
 * }
 * </pre>
 *
 * Peers and clients come in through prerouting, the host's own processes through output; a
 * redirected connection no longer has the public port when the filter hooks see it, so what they
 * refuse is what nothing redirected. The table is written whole as each server binds, at the
 * start with every port refused, and at the stop so again. Where the kernel has no NAT for
 * nf_tables, the servers listen on the public ports themselves, as before, and the agent says so.
 */
public final class PortRedirects implements AutoCloseable {

  public static final String TABLE = "weft-ports";
  /** No redirection: servers listen on the public ports (tests, and kernels without NAT). */
  public static final PortRedirects NONE = new PortRedirects(null, null, List.of());
  private static final byte TCP = 6;
  private static final int DESTINATION_OFFSET = 16;

  private final NfTables nft;
  private final Ipv4 address;
  private final List<Integer> publicPorts;
  private final Map<Integer, Integer> redirected = new TreeMap<>();

  private PortRedirects(NfTables nft, Ipv4 address, List<Integer> publicPorts) {
    this.nft = nft;
    this.address = address;
    this.publicPorts = List.copyOf(publicPorts);
  }

  /**
   * Redirections of {@code publicPorts} on {@code address}, each refused until its server binds;
   * {@link #NONE} when the kernel refuses the table (no NAT for nf_tables), after saying so to
   * {@code log}.
   */
  public static PortRedirects open(NfTables nft, Ipv4 address, List<Integer> publicPorts,
      Consumer<String> log) {
    try {
      nft.replace(table(address, publicPorts, Map.of()));
      return new PortRedirects(nft, address, publicPorts);
    } catch (RuntimeException e) {
      log.accept("this kernel does not redirect weft's ports (" + e.getMessage() + "): the agent"
          + " listens on 6783, 6785 and 6786 itself, and another user who binds one first keeps it"
          + " from starting");
      nft.close();
      return NONE;
    }
  }

  /** The port a server for {@code publicPort} binds: 0 (the kernel picks one) when redirected. */
  public int bindPort(int publicPort) {
    return nft == null ? publicPort : 0;
  }

  /** From now on connections to {@code publicPort} go to {@code boundPort}. Blocks (netlink). */
  public synchronized void redirect(int publicPort, int boundPort) {
    if (nft == null || publicPort == boundPort || boundPort <= 0) {
      return;
    }
    Map<Integer, Integer> next = new TreeMap<>(redirected);
    next.put(publicPort, boundPort);
    nft.replace(table(address, publicPorts, next));
    redirected.put(publicPort, boundPort);
  }

  /** Where connections to {@code publicPort} go now: the public port itself when not redirected. */
  public synchronized int target(int publicPort) {
    return redirected.getOrDefault(publicPort, publicPort);
  }

  /**
   * The agent stops: every public port is refused again (not left to whoever binds it while the
   * agent is away); the table stays for the next start to rewrite.
   */
  @Override
  public synchronized void close() {
    if (nft == null) {
      return;
    }
    try {
      nft.replace(table(address, publicPorts, Map.of()));
    } finally {
      redirected.clear();
      nft.close();
    }
  }

  /** The table, exactly as {@link #redirect} puts it in place: {@code redirected}'s, the rest refused. */
  static NfTable table(Ipv4 address, List<Integer> publicPorts, Map<Integer, Integer> redirected) {
    NfTable table = new NfTable(TABLE)
        .natChain("prerouting", NfConst.NF_INET_PRE_ROUTING, NfConst.NF_IP_PRI_NAT_DST)
        .natChain("output", NfConst.NF_INET_LOCAL_OUT, NfConst.NF_IP_PRI_NAT_DST)
        .filterChain("input", NfConst.NF_INET_LOCAL_IN, 0)
        .filterChain("output-refused", NfConst.NF_INET_LOCAL_OUT, 0);
    for (Map.Entry<Integer, Integer> port : redirected.entrySet()) {
      for (String chain : List.of("prerouting", "output")) {
        table.rule(chain, toPort(address, port.getKey(),
            NfExpr.destinationNat(address.toBytes(), port.getValue())));
      }
    }
    for (int port : publicPorts) {
      for (String chain : List.of("input", "output-refused")) {
        table.rule(chain, toPort(address, port, NfExpr.counter(), NfExpr.rejectWithReset()));
      }
    }
    return table;
  }

  /** {@code ip daddr ADDRESS tcp dport PORT}, then {@code rest}. */
  private static NfExpr[] toPort(Ipv4 address, int port, NfExpr... rest) {
    List<NfExpr> rule = new ArrayList<>(List.of(
        NfExpr.networkHeader(DESTINATION_OFFSET, 4), NfExpr.equal(address.toBytes()),
        NfExpr.l4Protocol(), NfExpr.equal(new byte[] {TCP}),
        NfExpr.transportHeader(2, 2), NfExpr.equal(new byte[] {(byte) (port >> 8), (byte) port})));
    rule.addAll(List.of(rest));
    return rule.toArray(NfExpr[]::new);
  }
}
