package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Exchange;
import io.weft.agent.netlink.wire.NetlinkSocket;
import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.WireException;

/**
 * A handle on nf_tables (nfnetlink) in one network namespace, as {@link Netlink} is on rtnetlink:
 * its socket is opened inside the namespace once. It replaces or removes whole tables, each in
 * one transaction: weft's firewall rules are few and written whole, never patched (but for
 * addresses added to a set, while an agent that just started does not know the whole fleet yet).
 */
public final class NfTables implements AutoCloseable {

  private final Exchange exchange;

  private NfTables(NetlinkSocket socket) {
    this.exchange = new Exchange(socket);
  }

  /** A handle on the namespace this process runs in. */
  public static NfTables open() {
    return open(NetNs.current());
  }

  /** A handle on {@code ns}; the caller keeps owning {@code ns}. */
  public static NfTables open(NetNs ns) {
    return new NfTables(ns.call("nf_tables socket in " + ns,
        () -> NetlinkSocket.open(NlConst.NETLINK_NETFILTER)));
  }

  /** Puts {@code table} in place of the table of its name, atomically. */
  public void replace(NfTable table) {
    try {
      exchange.executeBatch(table.replacing(), "nft replace table ip " + table.name());
    } catch (WireException e) {
      throw NetlinkException.of(e);
    }
  }

  /** Adds {@code table}'s set elements to its sets in the kernel, taking nothing away. */
  public void addElements(NfTable table) {
    try {
      exchange.executeBatch(table.addingElements(), "nft add element ip " + table.name());
    } catch (WireException e) {
      throw NetlinkException.of(e);
    }
  }

  /** Whether the table named {@code table} is in the kernel now. */
  public boolean exists(String table) {
    try {
      exchange.execute(new NfTable(table).getting(), "nft list table ip " + table);
      return true;
    } catch (WireException e) {
      if (e.errno() == io.weft.agent.netlink.wire.Errno.ENOENT) {
        return false;
      }
      throw NetlinkException.of(e);
    }
  }

  /** Removes the table named {@code table}, if there is one. */
  public void delete(String table) {
    try {
      exchange.executeBatch(new NfTable(table).deleting(), "nft delete table ip " + table);
    } catch (WireException e) {
      throw NetlinkException.of(e);
    }
  }

  @Override
  public void close() {
    exchange.close();
  }
}
