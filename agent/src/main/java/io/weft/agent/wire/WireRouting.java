package io.weft.agent.wire;

import io.weft.agent.netlink.AlreadyExistsException;
import io.weft.agent.netlink.IpNet;
import io.weft.agent.netlink.Ipv4Setting;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NotFoundException;
import io.weft.agent.netlink.Route;
import io.weft.agent.netlink.Rule;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy routing that steers weft's own traffic between hosts into WireGuard, with no new address
 * space: VXLAN keeps going from underlay address to underlay address, and a host's packets to a
 * peer whose pair is sealed find a route in table {@value #SEALED_TABLE} (that peer's /32 through
 * the WireGuard device) instead of the main table. The rules look at VXLAN's port both ways, so
 * that the reverse-path check of a packet that came out of WireGuard finds WireGuard too; and, in
 * table {@value #RELAYED_TABLE}, at the control plane's ports (Hazelcast, the event bus) for
 * pairs a relay carries, since the cluster needs every pair of hosts connected. WireGuard's own
 * datagrams use none of these ports, so they never loop back into it. A peer without a route in a
 * table falls through to the main table: the underlay, as before.
 *
 * <pre>
 * 6781: ipproto udp dport 4789 lookup 6783    6783: ipproto tcp dport 6783 lookup 6784
 * 6782: ipproto udp sport 4789 lookup 6783    6784: ipproto tcp sport 6783 lookup 6784
 *                                              6785/6786: the same for tcp 6785
 *                                              then the same for the ports the servers bound
 * </pre>
 *
 * <p>The servers bind ports the kernel picks and the kernel's nat sends 6783 and 6785 to them
 * ({@code ports.PortRedirects}): a reply leaves from the bound port, and is routed before the nat
 * gives it 6783 back, so the bound ports have rules of their own.
 */
final class WireRouting {

  static final int SEALED_TABLE = 6783;
  static final int RELAYED_TABLE = 6784;
  private static final int FIRST_PRIORITY = 6781;
  /** The priorities weft's rules take from {@link #FIRST_PRIORITY} on. */
  private static final int PRIORITIES = 32;

  private final Netlink host;
  private final String device;

  WireRouting(Netlink host, String device) {
    this.host = host;
    this.device = device;
  }

  /** The rules for VXLAN on {@code vxlanPort} and for the control plane's {@code controlPorts}. */
  static List<Rule> rules(int vxlanPort, List<Integer> controlPorts) {
    List<Rule> rules = new ArrayList<>();
    int pref = FIRST_PRIORITY;
    rules.add(Rule.lookup(pref++, SEALED_TABLE).protocol(Rule.UDP).destinationPort(vxlanPort));
    rules.add(Rule.lookup(pref++, SEALED_TABLE).protocol(Rule.UDP).sourcePort(vxlanPort));
    for (int port : controlPorts) {
      rules.add(Rule.lookup(pref++, RELAYED_TABLE).protocol(Rule.TCP).destinationPort(port));
      rules.add(Rule.lookup(pref++, RELAYED_TABLE).protocol(Rule.TCP).sourcePort(port));
    }
    return rules;
  }

  /**
   * Puts the rules in place (those there already stay) and lets the device forward what it
   * receives for another host, a relay's work: only the device's own forwarding is turned on,
   * and the guard's forward chain keeps such packets inside WireGuard.
   */
  void start(int vxlanPort, List<Integer> controlPorts) {
    List<Rule> wanted = rules(vxlanPort, controlPorts);
    Set<Rule> present = new HashSet<>(host.rules().list());
    for (Rule rule : present) {
      // an earlier agent's, for ports its servers were bound to then
      if (isOurs(rule) && !wanted.contains(rule)) {
        delete(rule);
      }
    }
    for (Rule rule : wanted) {
      if (!present.contains(rule)) {
        try {
          host.rules().add(rule);
        } catch (AlreadyExistsException raced) {
          // there now: what was wanted
        }
      }
    }
    host.links().setIpv4(device, Map.of(Ipv4Setting.FORWARDING, 1));
  }

  /** Makes each table's routes exactly those of its hosts, through the device. */
  void follow(Set<InetAddress> sealed, Set<InetAddress> relayed, boolean prune) {
    int index = host.links().get(device).index();
    follow(SEALED_TABLE, sealed, index, prune);
    follow(RELAYED_TABLE, relayed, index, prune);
  }

  private void follow(int table, Set<InetAddress> wanted, int index, boolean prune) {
    Set<InetAddress> present = new HashSet<>();
    for (Route r : host.routes(table).list(false)) {
      if (r.dst() != null && r.dst().prefixLength() == 32 && r.linkIndex() == index) {
        present.add(r.dst().ip());
      } else if (prune && r.dst() != null) {
        delete(table, r);
      }
    }
    for (InetAddress a : wanted) {
      if (!present.contains(a)) {
        host.routes(table).replace(Route.to(new IpNet(a, 32)).dev(index));
      }
    }
    if (prune) {
      for (InetAddress a : present) {
        if (!wanted.contains(a)) {
          delete(table, Route.to(new IpNet(a, 32)).dev(index));
        }
      }
    }
  }

  private void delete(int table, Route r) {
    try {
      host.routes(table).delete(r);
    } catch (NotFoundException gone) {
      // the wanted end state
    }
  }

  /** Rules of weft's priorities that look up its tables: this agent's or an earlier one's. */
  private static boolean isOurs(Rule rule) {
    return rule.priority() >= FIRST_PRIORITY && rule.priority() < FIRST_PRIORITY + PRIORITIES
        && (rule.table() == SEALED_TABLE || rule.table() == RELAYED_TABLE);
  }

  private void delete(Rule rule) {
    try {
      host.rules().delete(rule);
    } catch (NotFoundException gone) {
      // not there: fine
    }
  }

  /** Removes the rules and both tables' routes: the host leaves the fleet for good. */
  void remove(int vxlanPort, List<Integer> controlPorts) {
    for (Rule rule : host.rules().list()) {
      if (isOurs(rule)) {
        delete(rule);
      }
    }
    for (int table : new int[] {SEALED_TABLE, RELAYED_TABLE}) {
      for (Route r : host.routes(table).list(false)) {
        delete(table, r);
      }
    }
  }
}
