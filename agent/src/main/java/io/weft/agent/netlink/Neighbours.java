package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.RtmType;
import java.util.List;

/**
 * The neighbour verbs of one handle: ARP/NDP entries ({@code ip neigh}) and forwarding entries
 * of a VXLAN device ({@code bridge fdb}), both built with {@link Neighbour}'s factories.
 */
public final class Neighbours {

  private final Netlink nl;

  Neighbours(Netlink nl) {
    this.nl = nl;
  }

  /** Adds {@code n}; {@link AlreadyExistsException} if an entry for its key exists. */
  public void add(Neighbour n) {
    change("neighAdd", RtmType.NEWNEIGH, NlConst.NLM_F_CREATE | NlConst.NLM_F_EXCL, n);
  }

  /** Sets the ARP cache timing of link {@code dev}, as {@code net.ipv4.neigh.DEV.*} would. */
  public void setArpCache(String dev, ArpCacheParameters p) {
    setArpCache(nl.links().get(dev).index(), p);
  }

  /** As {@link #setArpCache(String, ArpCacheParameters)}, for a caller that knows the index. */
  public void setArpCache(int index, ArpCacheParameters p) {
    String op = "neighTableSet(arp_cache index " + index + ")";
    // struct ndtmsg: family, then three bytes of padding
    io.weft.agent.netlink.wire.MessageBuilder b =
        io.weft.agent.netlink.wire.MessageBuilder.onHeap(RtmType.SETNEIGHTBL, 0);
    b.u8(io.weft.agent.netlink.wire.Af.INET).u8(0).u16(0);
    b.attrString(NDTA_NAME, "arp_cache");
    int parms = b.beginNest(NDTA_PARMS);
    b.attrU32(NDTPA_IFINDEX, index);
    b.attrU64(NDTPA_BASE_REACHABLE_TIME, p.baseReachableMillis());
    b.attrU64(NDTPA_DELAY_PROBE_TIME, p.delayFirstProbeMillis());
    b.attrU32(NDTPA_UCAST_PROBES, p.unicastProbes());
    b.endNest(parms);
    nl.execute(b.finish(), op);
  }

  // neighbour table attributes (linux/neighbour.h)
  private static final int NDTA_NAME = 1;
  private static final int NDTA_PARMS = 6;
  private static final int NDTPA_IFINDEX = 1;
  private static final int NDTPA_BASE_REACHABLE_TIME = 4;
  private static final int NDTPA_DELAY_PROBE_TIME = 7;
  private static final int NDTPA_UCAST_PROBES = 10;

  /** Adds {@code n} or overwrites the entry with its key ({@code ip neigh replace}). */
  public void replace(Neighbour n) {
    change("neighReplace", RtmType.NEWNEIGH, NlConst.NLM_F_CREATE | NlConst.NLM_F_REPLACE, n);
  }

  /**
   * Adds one more destination for the same MAC ({@code bridge fdb append}): with the all-zero
   * MAC, one per remote VTEP, the head-end replication that floods to every peer.
   */
  public void append(Neighbour n) {
    change("neighAppend", RtmType.NEWNEIGH, NlConst.NLM_F_CREATE | NlConst.NLM_F_APPEND, n);
  }

  /** Deletes the entry matching {@code n} (for FDB entries, its MAC and VTEP). */
  public void delete(Neighbour n) {
    change("neighDel", RtmType.DELNEIGH, 0, n);
  }

  private void change(String verb, int type, int flags, Neighbour n) {
    String op = verb + "(" + n + ")";
    if (n.linkIndex() <= 0) {
      throw InvalidArgumentException.rejected(op, "invalid ifindex " + n.linkIndex());
    }
    if (n.isFdb() ? n.mac() == null : n.ip() == null) {
      throw InvalidArgumentException.rejected(op, n.isFdb() ? "an FDB entry needs a MAC" : "a neighbour needs an IP");
    }
    nl.execute(NeighbourCodec.message(type, flags, n), op);
  }

  /** The ARP (or, with {@code ipv6}, NDP) entries of every link. */
  public List<Neighbour> list(boolean ipv6) {
    return nl.dump(NeighbourCodec.dump(ipv6 ? Af.INET6 : Af.INET), "neighList(" + (ipv6 ? "inet6" : "inet") + ")")
        .stream().map(NeighbourCodec::decode).toList();
  }

  /** The forwarding entries on link {@code linkIndex} (e.g. the VXLAN device). */
  public List<Neighbour> listFdb(int linkIndex) {
    return nl.dump(NeighbourCodec.dump(Af.BRIDGE), "fdbList(index " + linkIndex + ")").stream()
        .map(NeighbourCodec::decode)
        .filter(n -> n.linkIndex() == linkIndex)
        .toList();
  }
}
