package io.weft.agent.host;

import static io.weft.agent.host.WeftInterfaces.BRIDGE;
import static io.weft.agent.host.WeftInterfaces.CONTAINER_INTERFACE;
import static io.weft.agent.host.WeftInterfaces.MTU;

import io.weft.agent.netlink.AlreadyExistsException;
import io.weft.agent.netlink.Bridge;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.LinkAttrs;
import io.weft.agent.netlink.MacAddress;
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
import java.util.function.Consumer;

/**
 * {@link HostKernel} through rtnetlink: the bridge, each container's veth pair, and their
 * addresses, made in the kernel and read back from it.
 */
public final class HostNetwork implements HostKernel {

  private final Netlink host;
  /** The bridge's MTU as last found: every veth on it gets the same (the overlay sets it). */
  private volatile int bridgeMtu = MTU;

  public HostNetwork(Netlink host) {
    this.host = host;
  }

  /**
   * Makes the bridge when missing, up; harmless when it is there. Returns its index. A bridge made
   * here has weft's plain MTU until the overlay sets the one its fleet needs.
   */
  public int ensureBridge() {
    return ensureBridge(0);
  }

  /** As {@link #ensureBridge()}, with the bridge's MTU made {@code mtu} (0: left as it is). */
  public int ensureBridge(int mtu) {
    try {
      Optional<Link> bridge = findLink(host, BRIDGE);
      if (bridge.isEmpty()) {
        try {
          host.links().add(new Bridge(LinkAttrs.named(BRIDGE).withMtu(mtu > 0 ? mtu : MTU).withUp(true)));
        } catch (AlreadyExistsException raced) {
          // another command made it first
        }
        bridge = findLink(host, BRIDGE);
      }
      Link link = bridge.orElseThrow();
      if (mtu > 0 && link.attrs().mtu() != mtu) {
        // set explicitly, the bridge keeps it whatever ports come and go
        host.links().setMtu(BRIDGE, mtu);
      }
      bridgeMtu = mtu > 0 ? mtu : link.attrs().mtu() > 0 ? link.attrs().mtu() : MTU;
      if (!link.attrs().up()) {
        host.links().setUp(BRIDGE);
      }
      return link.index();
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  /** The bridge's link, for the overlay, which hangs its VXLAN device from it. */
  public Optional<Link> bridgeLink() {
    return findLink(host, BRIDGE);
  }

  @Override
  public Optional<BridgeState> bridge() {
    return bridgeLink().map(link -> new BridgeState(link.index(), link.attrs().up(),
        link.attrs().mtu(), String.valueOf(link.attrs().mac())));
  }

  @Override
  public List<Cidr> exposedAddresses() {
    try {
      return Addresses.ipv4(host.addresses().list(BRIDGE));
    } catch (NotFoundException noBridge) {
      return List.of();
    }
  }

  @Override
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

  @Override
  public int attachedCount() {
    int count = 0;
    for (Link link : host.links().list()) {
      boolean ours = WeftInterfaces.pidOfHostEnd(link.name()).isPresent()
          || WeftInterfaces.isEndpointHostEnd(link.name());
      count += ours ? 1 : 0;
    }
    return count;
  }

  @Override
  public String makeEndpoint(String endpointId, String mac) {
    String hostEnd = WeftInterfaces.endpointHostEnd(endpointId);
    String peer = WeftInterfaces.endpointPeerEnd(endpointId);
    int bridge = ensureBridge();
    try {
      deleteQuietly(hostEnd); // left by an endpoint Docker never deleted
      // One request: the peer gets the bridge's MTU and Docker's MAC as it is born.
      LinkAttrs peerEnd = LinkAttrs.named(peer).withMtu(bridgeMtu)
          .withMac(mac == null ? null : MacAddress.parse(mac));
      host.links().add(Veth.pair(hostEnd, peer)
          .withAttrs(LinkAttrs.named(hostEnd).withMtu(bridgeMtu).withMaster(bridge).withUp(true))
          .withPeer(peerEnd));
      try {
        return String.valueOf(mac != null ? peerEnd.mac() : host.links().get(peer).attrs().mac());
      } catch (RuntimeException e) {
        deleteQuietly(hostEnd);
        throw e;
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  /**
   * Puts Docker endpoints' host ends back on the bridge: after the bridge was made again (a
   * reset took it), they hang from nothing.
   */
  public void enslaveEndpoints(int bridgeIndex) {
    try {
      for (Link link : host.links().list()) {
        if (WeftInterfaces.isEndpointHostEnd(link.name()) && link.attrs().masterIndex() != bridgeIndex) {
          host.links().setMaster(link.name(), bridgeIndex);
        }
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  @Override
  public int tuneDockerInterfaces(int pid) {
    int tuned = 0;
    try (Netlink container = Netlink.forPid(pid)) {
      for (Link link : container.links().list()) {
        if (WeftInterfaces.isDockerContainerEnd(link.name())) {
          ArpTuning.apply(container, link.name());
          tuned++;
        }
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
    return tuned;
  }

  @Override
  public boolean hasEndpoint(String endpointId) {
    try {
      return findLink(host, WeftInterfaces.endpointHostEnd(endpointId)).isPresent();
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  @Override
  public boolean removeEndpoint(String endpointId) {
    try {
      return deleteQuietly(WeftInterfaces.endpointHostEnd(endpointId));
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  @Override
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

  @Override
  public Map<Cidr, Integer> holders() {
    Map<Cidr, Integer> holders = new LinkedHashMap<>();
    exposedAddresses().forEach(cidr -> holders.put(cidr, 0));
    for (AttachedContainer c : attached()) {
      c.addresses().forEach(cidr -> holders.put(cidr, c.pid()));
    }
    return holders;
  }

  @Override
  public Attachment attach(int pid, AddressChoice choice, String mac) {
    try (Netlink container = Netlink.forPid(pid)) {
      Optional<Link> found = findLink(container, CONTAINER_INTERFACE);
      boolean exists = found.isPresent();
      List<Cidr> present = exists
          ? Addresses.ipv4(container.addresses().list(CONTAINER_INTERFACE)) : List.of();
      // Chosen (and claimed) before any veth is made: a refusal leaves nothing to undo here.
      List<Cidr> chosen = choice.choose(present);
      Link ethwe = exists ? found.get() : createVeth(pid, container, ensureBridge(), mac);
      try {
        List<Cidr> added = new ArrayList<>();
        for (Cidr cidr : chosen) {
          if (!present.contains(cidr)) {
            container.addresses().add(ethwe.index(), Addresses.toKernel(cidr));
            added.add(cidr);
          }
        }
        // Up last: with arp_notify on, coming up announces the addresses to the neighbours.
        container.links().setUp(ethwe.index());
        List<Cidr> now = new ArrayList<>(present);
        now.addAll(added);
        return new Attachment(String.valueOf(ethwe.attrs().mac()), added, now);
      } catch (RuntimeException e) {
        if (!exists) {
          deleteQuietly(WeftInterfaces.hostEnd(pid)); // made from scratch or not at all
        }
        throw e;
      }
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.CONTAINER_NOT_RUNNING,
          "the container's process " + pid + " is gone: " + e.getMessage());
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
  }

  /** Makes the container's veth and returns its end in the container (index and MAC). */
  private Link createVeth(int pid, Netlink container, int bridgeIndex, String mac) {
    String hostEnd = WeftInterfaces.hostEnd(pid);
    // A host end left by an earlier failure (or a recycled pid) would make the add fail.
    deleteQuietly(hostEnd);
    // One request: the host end born on the bridge and up, the container's end born in the
    // container as ethwe with the bridge's MTU and, when attached again, its old MAC (the other
    // hosts' forwarding and ARP entries for it stay right).
    LinkAttrs containerEnd = LinkAttrs.named(CONTAINER_INTERFACE).withMtu(bridgeMtu)
        .withMac(mac == null ? null : MacAddress.parse(mac));
    host.links().add(Veth.pair(hostEnd, CONTAINER_INTERFACE)
        .withAttrs(LinkAttrs.named(hostEnd).withMtu(bridgeMtu).withMaster(bridgeIndex).withUp(true))
        .withPeer(containerEnd)
        .withPeerIn(container.namespace().target()));
    try {
      Link ethwe = container.links().get(CONTAINER_INTERFACE);
      ArpTuning.apply(container, ethwe);
      return ethwe;
    } catch (RuntimeException e) {
      deleteQuietly(hostEnd);
      throw e;
    }
  }

  @Override
  public List<Cidr> detach(int pid, List<Cidr> cidrs, Consumer<List<Cidr>> beforeRemoving) {
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
      beforeRemoving.accept(removing);
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

  @Override
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

  @Override
  public List<Cidr> hide(List<Cidr> cidrs, Consumer<List<Cidr>> beforeRemoving) {
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
    beforeRemoving.accept(removing);
    try {
      for (Cidr cidr : removing) {
        host.addresses().delete(BRIDGE, Addresses.toKernel(cidr));
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
    return removing;
  }

  @Override
  public List<String> removeUnjoinedEndpoints() {
    List<String> removed = new ArrayList<>();
    try {
      java.util.Set<String> names = new java.util.HashSet<>();
      host.links().list().forEach(link -> names.add(link.name()));
      for (String name : names) {
        if (WeftInterfaces.isEndpointHostEnd(name) && names.contains(WeftInterfaces.endpointPeerOf(name))
            && deleteQuietly(name)) {
          removed.add(name);
        }
      }
    } catch (NetlinkException e) {
      throw KernelErrors.of(e);
    }
    return removed;
  }

  @Override
  public List<String> reset() {
    List<String> removed = new ArrayList<>(removeUnjoinedEndpoints());
    try {
      for (Link link : host.links().list()) {
        boolean ours = WeftInterfaces.pidOfHostEnd(link.name()).isPresent();
        if (ours && deleteQuietly(link.name())) {
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
