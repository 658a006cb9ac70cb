package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Af;
import io.weft.agent.netlink.wire.NeighAttr;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A neighbour entry: an ARP/NDP entry (IP to MAC on a link) or a bridge forwarding entry (MAC on
 * a VXLAN device, towards the remote VTEP in {@code ip}).
 *
 * @param linkIndex ifindex of the device
 * @param family {@code AF_INET}/{@code AF_INET6} for ARP/NDP, {@code AF_BRIDGE} for the FDB
 * @param ip the neighbour's IP; for an FDB entry, the remote VTEP (may be null)
 * @param mac the link-layer address
 * @param state NUD_* bits (PERMANENT for what weft writes)
 * @param flags NTF_* bits (SELF for FDB entries on the VXLAN device itself)
 */
public record Neighbour(int linkIndex, int family, InetAddress ip, MacAddress mac, int state, int flags) {

  /** A permanent ARP (or NDP) entry: {@code ip neigh add IP lladdr MAC dev LINK nud permanent}. */
  public static Neighbour arp(int linkIndex, InetAddress ip, MacAddress mac) {
    return new Neighbour(linkIndex, ip instanceof Inet4Address ? Af.INET : Af.INET6, ip, mac,
        NeighAttr.NUD_PERMANENT, 0);
  }

  /** A forwarding entry on a VXLAN device: {@code bridge fdb add MAC dev LINK dst VTEP self permanent}. */
  public static Neighbour fdb(int linkIndex, MacAddress mac, InetAddress vtep) {
    return new Neighbour(linkIndex, Af.BRIDGE, vtep, mac, NeighAttr.NUD_PERMANENT, NeighAttr.NTF_SELF);
  }

  public boolean isFdb() {
    return family == Af.BRIDGE;
  }

  @Override
  public String toString() {
    return (isFdb() ? mac + (ip == null ? "" : " dst " + ip.getHostAddress())
        : ip.getHostAddress() + (mac == null ? "" : " lladdr " + mac)) + " dev #" + linkIndex;
  }
}
