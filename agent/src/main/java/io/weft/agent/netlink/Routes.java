package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.RouteAttr;
import io.weft.agent.netlink.wire.RtmType;
import java.util.List;

/**
 * The route verbs of one handle, like {@code ip route}, on one routing table: the main table
 * ({@link Netlink#routes()}) or another ({@link Netlink#routes(int)}, {@code ip route ... table N}).
 */
public final class Routes {

  private final Netlink nl;
  private final int table;

  Routes(Netlink nl) {
    this(nl, RouteAttr.RT_TABLE_MAIN);
  }

  Routes(Netlink nl, int table) {
    this.nl = nl;
    this.table = table;
  }

  /** Adds {@code r}; {@link AlreadyExistsException} if an equal route exists. */
  public void add(Route r) {
    change("routeAdd", RtmType.NEWROUTE, NlConst.NLM_F_CREATE | NlConst.NLM_F_EXCL, r);
  }

  /** Adds {@code r} or replaces the route to the same destination. */
  public void replace(Route r) {
    change("routeReplace", RtmType.NEWROUTE, NlConst.NLM_F_CREATE | NlConst.NLM_F_REPLACE, r);
  }

  /** Deletes the route matching {@code r}; {@link NotFoundException} if there is none. */
  public void delete(Route r) {
    change("routeDel", RtmType.DELROUTE, 0, r);
  }

  private void change(String verb, int type, int flags, Route r) {
    String op = verb + "(" + r + (table == RouteAttr.RT_TABLE_MAIN ? "" : " table " + table) + ")";
    if (!r.familyMatches()) {
      throw InvalidArgumentException.rejected(op, "gateway and destination are of different IP families");
    }
    nl.execute(RouteCodec.message(type, flags, r, table), op);
  }

  /** The unicast routes of this table, IPv4 ({@code ipv6 == false}) or IPv6. */
  public List<Route> list(boolean ipv6) {
    return nl.dump(RouteCodec.dump(ipv6 ? Af.INET6 : Af.INET), "routeList(" + (ipv6 ? "inet6" : "inet")
            + (table == RouteAttr.RT_TABLE_MAIN ? "" : " table " + table) + ")").stream()
        .filter(m -> RouteCodec.isUnicastIn(m, table))
        .map(RouteCodec::decode)
        .toList();
  }
}
