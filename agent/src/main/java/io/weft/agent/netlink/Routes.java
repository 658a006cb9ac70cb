package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.RtmType;
import java.util.List;

/** The route verbs of one handle, like {@code ip route}, on the main table. */
public final class Routes {

  private final Netlink nl;

  Routes(Netlink nl) {
    this.nl = nl;
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
    String op = verb + "(" + r + ")";
    if (!r.familyMatches()) {
      throw InvalidArgumentException.rejected(op, "gateway and destination are of different IP families");
    }
    nl.execute(RouteCodec.message(type, flags, r), op);
  }

  /** The unicast routes of the main table, IPv4 ({@code ipv6 == false}) or IPv6. */
  public List<Route> list(boolean ipv6) {
    return nl.dump(RouteCodec.dump(ipv6 ? Af.INET6 : Af.INET), "routeList(" + (ipv6 ? "inet6" : "inet") + ")").stream()
        .filter(RouteCodec::isMainUnicast)
        .map(RouteCodec::decode)
        .toList();
  }
}
