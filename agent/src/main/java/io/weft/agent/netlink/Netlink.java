package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.DumpInterrupted;
import io.weft.agent.netlink.wire.Exchange;
import io.weft.agent.netlink.wire.Native;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.NetlinkSocket;
import io.weft.agent.netlink.wire.WireException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on rtnetlink bound to one network namespace: its socket is opened inside that
 * namespace once (on the dedicated namespace thread, which then goes home), so every call acts
 * there whichever thread makes it. Calls are serialised per handle. Closing it closes its socket and any namespace
 * descriptor it opened itself.
 *
 * <pre>{@code
 * try (Netlink host = Netlink.open()) {
 *   host.links().add(Bridge.named("weft"));
 *   host.links().setUp("weft");
 * }
 * }</pre>
 */
public final class Netlink implements AutoCloseable {

  private static final int DUMP_ATTEMPTS = 3;

  private final NetNs ns;
  private final boolean ownsNs;
  private final Exchange exchange;
  private final Links links = new Links(this);
  private final Addresses addresses = new Addresses(this);
  private final Routes routes = new Routes(this);
  private final Neighbours neighbours = new Neighbours(this);
  private final Rules rules = new Rules(this);
  private final Sysctl sysctl;

  private Netlink(NetNs ns, boolean ownsNs, NetlinkSocket socket) {
    this.ns = ns;
    this.ownsNs = ownsNs;
    this.exchange = new Exchange(socket);
    this.sysctl = new Sysctl(ns);
  }

  private Netlink(NetNs ns, boolean ownsNs) {
    this(ns, ownsNs, ns.call("netlink socket in " + ns, NetlinkSocket::open));
  }

  /** Whether native calls work on this machine; see {@link #unavailabilityCause()}. */
  public static boolean isAvailable() {
    return Native.isAvailable();
  }

  public static Throwable unavailabilityCause() {
    return Native.unavailabilityCause();
  }

  /** A handle on the namespace this process runs in. */
  public static Netlink open() {
    return new Netlink(NetNs.current(), false);
  }

  /** A handle on {@code ns}; the caller keeps owning {@code ns} and closes it. */
  public static Netlink open(NetNs ns) {
    return new Netlink(ns, false);
  }

  /**
   * Opens a handle on {@code ns} in the background and returns at once: the namespace thread's
   * start-up then overlaps with what the caller does meanwhile (an attach creates the veth on the
   * host side while the container's handle opens). The caller keeps owning {@code ns}.
   */
  public static CompletableFuture<Netlink> openAsync(NetNs ns) {
    return ns.start("netlink socket in " + ns, NetlinkSocket::open).thenApply(s -> new Netlink(ns, false, s));
  }

  /** A handle on {@code /run/netns/NAME}; {@link NotFoundException} naming the path if it is missing. */
  public static Netlink forNamespace(String name) {
    return owning(NetNs.named(name));
  }

  /** A handle on the namespace of process {@code pid} (a container's, say). */
  public static Netlink forPid(int pid) {
    return owning(NetNs.ofPid(pid));
  }

  private static Netlink owning(NetNs ns) {
    try {
      return new Netlink(ns, true);
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  public Links links() {
    return links;
  }

  public Addresses addresses() {
    return addresses;
  }

  public Routes routes() {
    return routes;
  }

  /** The routes of routing table {@code table} ({@code ip route ... table N}). */
  public Routes routes(int table) {
    if (table <= 0) {
      throw InvalidArgumentException.rejected("routes(table " + table + ")", "invalid table " + table);
    }
    return new Routes(this, table);
  }

  /** The routing policy rules ({@code ip rule}). */
  public Rules rules() {
    return rules;
  }

  public Neighbours neighbours() {
    return neighbours;
  }

  /** Writes /proc/sys/net settings as seen from this handle's namespace. */
  public Sysctl sysctl() {
    return sysctl;
  }

  public NetNs namespace() {
    return ns;
  }

  List<NetlinkMessage> execute(ByteBuffer request, String op) {
    try {
      return exchange.execute(request, op);
    } catch (WireException e) {
      throw NetlinkException.of(e);
    }
  }

  /** A dump, asked again when the kernel marks it interrupted by a concurrent change. */
  List<NetlinkMessage> dump(ByteBuffer request, String op) {
    for (int attempt = 1; ; attempt++) {
      try {
        return exchange.dump(request, op);
      } catch (WireException e) {
        if (!(e instanceof DumpInterrupted) || attempt == DUMP_ATTEMPTS) {
          throw NetlinkException.of(e);
        }
      }
    }
  }

  @Override
  public void close() {
    exchange.close();
    if (ownsNs) {
      ns.close();
    }
  }
}
