package io.weft.agent.host;

import static io.weft.agent.host.WeftInterfaces.BRIDGE;
import static io.weft.agent.host.WeftInterfaces.CONTAINER_INTERFACE;
import static io.weft.agent.host.WeftInterfaces.MTU;

import io.weft.agent.netlink.AlreadyExistsException;
import io.weft.agent.netlink.Bridge;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.LinkAttrs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NetlinkException;
import io.weft.agent.netlink.NotFoundException;
import io.weft.agent.netlink.Veth;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * weft's network on one host, kept in the kernel and read back from it: the bridge, each
 * container's veth pair, and their addresses. The kernel is the record: a container that goes
 * away takes its veth, and so its addresses, with its namespace.
 */
public final class HostNetwork {

  private final Netlink host;

  public HostNetwork(Netlink host) {
    this.host = host;
  }

  /** Makes the bridge when missing, up; harmless when it is there. Returns its index. */
  public int ensureBridge() {
    try {
      Optional<Link> bridge = findLink(host, BRIDGE);
      if (bridge.isEmpty()) {
        try {
          host.links().add(new Bridge(LinkAttrs.named(BRIDGE).withMtu(MTU).withUp(true)));
        } catch (AlreadyExistsException raced) {
          // another command made it first
        }
        bridge = findLink(host, BRIDGE);
      }
      if (!bridge.orElseThrow().attrs().up()) {
        host.links().setUp(BRIDGE);
      }
      return bridge.orElseThrow().index();
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  public Optional<Link> bridge() {
    return findLink(host, BRIDGE);
  }

  /** The addresses on the bridge (exposed to the host). */
  public List<Cidr> exposedAddresses() {
    try {
      return Addresses.ipv4(host.addresses().list(BRIDGE));
    } catch (NotFoundException noBridge) {
      return List.of();
    }
  }

  /** Every container attached on this host, by its pid, in the order of its veth. */
  public List<AttachedContainer> attached() {
    List<AttachedContainer> found = new ArrayList<>();
    for (Link link : host.links().list()) {
      OptionalInt pid = WeftInterfaces.pidOfHostEnd(link.name());
      if (pid.isPresent()) {
        containerSide(pid.getAsInt()).ifPresent(found::add);
      }
    }
    return found;
  }

  /** The container's end as the container sees it; empty when it has none or is gone. */
  public Optional<AttachedContainer> containerSide(int pid) {
    try (Netlink container = Netlink.forPid(pid)) {
      Optional<Link> ethwe = findLink(container, CONTAINER_INTERFACE);
      if (ethwe.isEmpty()) {
        return Optional.empty();
      }
      String mac = String.valueOf(ethwe.get().attrs().mac());
      return Optional.of(new AttachedContainer(pid, mac,
          Addresses.ipv4(container.addresses().list(CONTAINER_INTERFACE))));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Who holds each address on this host: a container's pid, or 0 for the bridge. */
  public Map<Cidr, Integer> holders() {
    Map<Cidr, Integer> holders = new LinkedHashMap<>();
    exposedAddresses().forEach(cidr -> holders.put(cidr, 0));
    for (AttachedContainer c : attached()) {
      c.addresses().forEach(cidr -> holders.put(cidr, c.pid()));
    }
    return holders;
  }

  /**
   * Gives the container with process {@code pid} an {@code ethwe} on the bridge with these
   * addresses, adding only those it lacks. Made from scratch or not at all: a failure removes
   * the veth pair again.
   *
   * @return the addresses added now, and the MAC they answer at
   */
  public Attachment attach(int pid, List<Cidr> cidrs) {
    int bridge = ensureBridge();
    try (Netlink container = Netlink.forPid(pid)) {
      if (findLink(container, CONTAINER_INTERFACE).isEmpty()) {
        createVeth(pid, container, bridge);
      }
      List<Cidr> present = Addresses.ipv4(container.addresses().list(CONTAINER_INTERFACE));
      List<Cidr> added = new ArrayList<>();
      for (Cidr cidr : cidrs) {
        if (!present.contains(cidr)) {
          container.addresses().add(CONTAINER_INTERFACE, Addresses.toKernel(cidr));
          added.add(cidr);
        }
      }
      // Up last: with arp_notify on, coming up announces the addresses to the neighbours.
      container.links().setUp(CONTAINER_INTERFACE);
      String mac = String.valueOf(container.links().get(CONTAINER_INTERFACE).attrs().mac());
      return new Attachment(mac, added);
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.CONTAINER_NOT_RUNNING,
          "the container's process " + pid + " is gone: " + e.getMessage());
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  private void createVeth(int pid, Netlink container, int bridgeIndex) {
    String hostEnd = WeftInterfaces.hostEnd(pid);
    String peer = WeftInterfaces.peerEnd(pid);
    // A host end left by an earlier failure (or a recycled pid) would make the add fail.
    deleteQuietly(hostEnd);
    // The host end is born on the bridge and up: one request instead of three.
    host.links().add(Veth.pair(hostEnd, peer)
        .withAttrs(LinkAttrs.named(hostEnd).withMtu(MTU).withMaster(bridgeIndex).withUp(true))
        .withPeerIn(container.namespace().target()));
    try {
      container.links().rename(peer, CONTAINER_INTERFACE);
      container.links().setMtu(CONTAINER_INTERFACE, MTU);
      ArpTuning.apply(container, CONTAINER_INTERFACE);
    } catch (RuntimeException e) {
      deleteQuietly(hostEnd);
      throw e;
    }
  }

  /**
   * Removes these addresses (all, when none are named) from the container; its veth pair goes
   * with the last one. Nothing is removed unless every named address is there.
   *
   * @return the addresses removed
   */
  public List<Cidr> detach(int pid, List<Cidr> cidrs) {
    try (Netlink container = Netlink.forPid(pid)) {
      if (findLink(container, CONTAINER_INTERFACE).isEmpty()) {
        throw new WeftException(ErrorCode.NOT_ATTACHED, "the container is not attached to weft");
      }
      List<Cidr> present = Addresses.ipv4(container.addresses().list(CONTAINER_INTERFACE));
      List<Cidr> removing = cidrs.isEmpty() ? present : cidrs;
      for (Cidr cidr : removing) {
        if (!present.contains(cidr)) {
          throw new WeftException(ErrorCode.NOT_ATTACHED,
              "the container does not have " + cidr + " on weft (it has: " + join(present) + ")");
        }
      }
      if (removing.size() == present.size()) {
        container.links().delete(CONTAINER_INTERFACE);
      } else {
        for (Cidr cidr : removing) {
          container.addresses().delete(CONTAINER_INTERFACE, Addresses.toKernel(cidr));
        }
      }
      return removing;
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.CONTAINER_NOT_RUNNING,
          "the container's process " + pid + " is gone: " + e.getMessage());
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  /** Puts these addresses on the bridge; returns those added now. */
  public List<Cidr> expose(List<Cidr> cidrs) {
    ensureBridge();
    List<Cidr> present = exposedAddresses();
    List<Cidr> added = new ArrayList<>();
    try {
      for (Cidr cidr : cidrs) {
        if (!present.contains(cidr)) {
          host.addresses().add(BRIDGE, Addresses.toKernel(cidr));
          added.add(cidr);
        }
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
    return added;
  }

  /** Takes these addresses (all, when none are named) off the bridge; returns those removed. */
  public List<Cidr> hide(List<Cidr> cidrs) {
    List<Cidr> present = exposedAddresses();
    List<Cidr> removing = cidrs.isEmpty() ? present : cidrs;
    if (present.isEmpty()) {
      throw new WeftException(ErrorCode.NOT_ATTACHED, "nothing is exposed on this host");
    }
    for (Cidr cidr : removing) {
      if (!present.contains(cidr)) {
        throw new WeftException(ErrorCode.NOT_ATTACHED,
            cidr + " is not exposed (exposed: " + join(present) + ")");
      }
    }
    try {
      for (Cidr cidr : removing) {
        host.addresses().delete(BRIDGE, Addresses.toKernel(cidr));
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
    return removing;
  }

  /** Removes every container veth of weft's and the bridge; returns the links removed. */
  public List<String> reset() {
    List<String> removed = new ArrayList<>();
    try {
      for (Link link : host.links().list()) {
        if (WeftInterfaces.pidOfHostEnd(link.name()).isPresent() && deleteQuietly(link.name())) {
          removed.add(link.name());
        }
      }
      if (deleteQuietly(BRIDGE)) {
        removed.add(BRIDGE);
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
    return removed;
  }

  private boolean deleteQuietly(String name) {
    try {
      host.links().delete(name);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static Optional<Link> findLink(Netlink netlink, String name) {
    try {
      return Optional.of(netlink.links().get(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static String join(List<Cidr> cidrs) {
    return cidrs.isEmpty() ? "none" : String.join(" ", cidrs.stream().map(Cidr::toString).toList());
  }
}
