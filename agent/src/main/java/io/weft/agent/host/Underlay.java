package io.weft.agent.host;

import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.Route;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The host's own network, the one VXLAN runs over: which interface carries an address, and which
 * address to advertise when none is given.
 *
 * @param linkIndex ifindex of the interface holding {@code address}
 * @param linkName its name
 * @param address the address with the prefix of its subnet
 */
public record Underlay(int linkIndex, String linkName, Cidr address) {

  /** The interface holding {@code advertise}; an error when the host has no such address. */
  public static Underlay of(Netlink host, Ipv4 advertise) {
    return candidates(host).stream().filter(u -> u.address().address().equals(advertise))
        .findFirst()
        .orElseThrow(() -> new WeftException(ErrorCode.BAD_REQUEST,
            "this host has no interface with the address " + advertise + " to advertise"));
  }

  /**
   * The first global IPv4 address of the host, preferring the interface of the default route:
   * the address other hosts most likely reach this one on.
   */
  public static Underlay detect(Netlink host) {
    List<Underlay> all = candidates(host);
    Optional<Integer> defaultLink = host.routes().list(false).stream()
        .filter(r -> r.dst() == null && r.linkIndex() > 0).map(Route::linkIndex).findFirst();
    return all.stream()
        .sorted(Comparator.comparing(u -> defaultLink.map(i -> i != u.linkIndex()).orElse(false)))
        .findFirst()
        .orElseThrow(() -> new WeftException(ErrorCode.BAD_REQUEST,
            "this host has no global IPv4 address; give one with --advertise"));
  }

  /** The networks of every global IPv4 address of the host (weft's own interfaces left out). */
  public static List<Cidr> networks(Netlink host) {
    return candidates(host).stream().map(u -> u.address().subnet()).distinct().toList();
  }

  /** Global IPv4 addresses of up interfaces that are not weft's own, in link order. */
  private static List<Underlay> candidates(Netlink host) {
    List<Underlay> found = new ArrayList<>();
    for (Link link : host.links().list()) {
      if (!link.attrs().up() || isWefts(link.name())) {
        continue;
      }
      for (Cidr cidr : Addresses.ipv4(host.addresses().list(link.name()))) {
        int first = cidr.address().bits() >>> 24;
        boolean linkLocal = (cidr.address().bits() >>> 16) == 0xa9fe;
        if (first != 127 && !linkLocal) {
          found.add(new Underlay(link.index(), link.name(), cidr));
        }
      }
    }
    return found;
  }

  private static boolean isWefts(String name) {
    return name.equals(WeftInterfaces.BRIDGE) || name.equals(WeftInterfaces.VXLAN)
        || WeftInterfaces.pidOfHostEnd(name).isPresent() || WeftInterfaces.isEndpointHostEnd(name);
  }
}
