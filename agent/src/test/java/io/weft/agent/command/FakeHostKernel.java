package io.weft.agent.command;

import io.weft.agent.host.AttachedContainer;
import io.weft.agent.host.Attachment;
import io.weft.agent.host.BridgeState;
import io.weft.agent.host.HostKernel;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A host's kernel in memory: a bridge, and each container's interface by pid. It counts the
 * container namespaces a command would have entered, so tests can hold an attach to one.
 */
public final class FakeHostKernel implements HostKernel {

  private record Iface(String mac, List<Cidr> addresses) {}

  private final Map<Integer, Iface> containers = new LinkedHashMap<>();
  private final List<Cidr> exposed = new ArrayList<>();
  final Map<String, String> endpoints = new LinkedHashMap<>();
  private final java.util.Set<String> joined = new java.util.HashSet<>();
  private boolean bridge;
  private int macs;
  private volatile Runnable afterAttachedRead = () -> {};
  int namespacesEntered;
  /** How long an attach stays inside the kernel, so a test can try to slip another in. */
  java.time.Duration holdInside = java.time.Duration.ZERO;
  int mostInsideAtOnce;
  private int inside;
  /** Run when a removal is about to touch the kernel, after the caller was told what goes. */
  Runnable beforeRemoval = () -> { };
  RuntimeException failNextAttach;
  RuntimeException failNextRemoval;

  /** A container already on weft, as if attached before. */
  public void attachedBefore(int pid, Cidr... addresses) {
    containers.put(pid, new Iface(nextMac(), new ArrayList<>(List.of(addresses))));
    bridge = true;
  }

  public List<Cidr> addressesOf(int pid) {
    Iface iface = containers.get(pid);
    return iface == null ? List.of() : List.copyOf(iface.addresses());
  }

  @Override
  public Optional<BridgeState> bridge() {
    return bridge ? Optional.of(new BridgeState(7, true, 1450, "aa:00:00:00:00:00")) : Optional.empty();
  }

  @Override
  public List<Cidr> exposedAddresses() {
    return List.copyOf(exposed);
  }

  @Override
  public List<AttachedContainer> attached() {
    List<AttachedContainer> all = new ArrayList<>();
    containers.keySet().forEach(pid -> containerSide(pid).ifPresent(all::add));
    Runnable then = afterAttachedRead;
    afterAttachedRead = () -> {};
    then.run();
    return all;
  }

  /** Runs {@code then} once, right after the next {@link #attached()} has read the kernel. */
  public void afterAttachedRead(Runnable then) {
    afterAttachedRead = then;
  }

  @Override
  public int attachedCount() {
    return containers.size() + endpoints.size();
  }

  @Override
  public Optional<AttachedContainer> containerSide(int pid) {
    namespacesEntered++;
    Iface iface = containers.get(pid);
    return iface == null ? Optional.empty()
        : Optional.of(new AttachedContainer(pid, iface.mac(), List.copyOf(iface.addresses())));
  }

  @Override
  public Attachment attach(int pid, AddressChoice choice, String mac) {
    synchronized (this) {
      inside++;
      mostInsideAtOnce = Math.max(mostInsideAtOnce, inside);
    }
    try {
      Thread.sleep(holdInside.toMillis()); // a slow kernel, on purpose
      return attachInside(pid, choice, mac);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      synchronized (this) {
        inside--;
      }
    }
  }

  private synchronized Attachment attachInside(int pid, AddressChoice choice, String mac) {
    namespacesEntered++;
    Iface iface = containers.get(pid);
    List<Cidr> present = iface == null ? List.of() : List.copyOf(iface.addresses());
    List<Cidr> chosen = choice.choose(present);
    if (failNextAttach != null) {
      RuntimeException failure = failNextAttach;
      failNextAttach = null;
      throw failure;
    }
    if (iface == null) {
      iface = new Iface(mac != null ? mac : nextMac(), new ArrayList<>());
      containers.put(pid, iface);
      bridge = true;
    }
    List<Cidr> added = new ArrayList<>();
    for (Cidr cidr : chosen) {
      if (!iface.addresses().contains(cidr)) {
        iface.addresses().add(cidr);
        added.add(cidr);
      }
    }
    return new Attachment(iface.mac(), added, iface.addresses());
  }

  @Override
  public List<Cidr> detach(int pid, List<Cidr> cidrs, Consumer<List<Cidr>> beforeRemoving) {
    namespacesEntered++;
    Iface iface = containers.get(pid);
    if (iface == null) {
      throw new WeftException(ErrorCode.NOT_ATTACHED, "the container is not attached to weft");
    }
    List<Cidr> removing = cidrs.isEmpty() ? List.copyOf(iface.addresses()) : cidrs;
    if (!iface.addresses().containsAll(removing)) {
      throw new WeftException(ErrorCode.NOT_ATTACHED, "the container does not have " + removing);
    }
    beforeRemoving.accept(removing);
    beforeRemoval.run();
    if (failNextRemoval != null) {
      RuntimeException failure = failNextRemoval;
      failNextRemoval = null;
      throw failure;
    }
    iface.addresses().removeAll(removing);
    if (iface.addresses().isEmpty()) {
      containers.remove(pid);
    }
    return removing;
  }

  @Override
  public List<Cidr> expose(List<Cidr> cidrs) {
    bridge = true;
    List<Cidr> added = new ArrayList<>();
    for (Cidr cidr : cidrs) {
      if (!exposed.contains(cidr)) {
        exposed.add(cidr);
        added.add(cidr);
      }
    }
    return added;
  }

  @Override
  public List<Cidr> hide(List<Cidr> cidrs, Consumer<List<Cidr>> beforeRemoving) {
    List<Cidr> removing = cidrs.isEmpty() ? List.copyOf(exposed) : cidrs;
    if (exposed.isEmpty() || !exposed.containsAll(removing)) {
      throw new WeftException(ErrorCode.NOT_ATTACHED, "not exposed: " + removing);
    }
    beforeRemoving.accept(removing);
    exposed.removeAll(removing);
    return removing;
  }

  @Override
  public String makeEndpoint(String endpointId, String mac) {
    bridge = true;
    String made = mac != null ? mac : nextMac();
    endpoints.put(endpointId, made);
    return made;
  }

  @Override
  public int tuneDockerInterfaces(int pid) {
    return 0;
  }

  @Override
  public boolean hasEndpoint(String endpointId) {
    return endpoints.containsKey(endpointId);
  }

  @Override
  public boolean removeEndpoint(String endpointId) {
    joined.remove(endpointId);
    return endpoints.remove(endpointId) != null;
  }

  /** Docker moved the endpoint's other end into a container. */
  public void joinEndpoint(String endpointId) {
    joined.add(endpointId);
  }

  @Override
  public List<String> removeUnjoinedEndpoints() {
    List<String> removed = new ArrayList<>();
    for (String endpoint : List.copyOf(endpoints.keySet())) {
      if (!joined.contains(endpoint)) {
        endpoints.remove(endpoint);
        removed.add("vethwdl" + endpoint.substring(0, 8));
      }
    }
    return removed;
  }

  @Override
  public List<String> reset() {
    List<String> removed = new ArrayList<>(removeUnjoinedEndpoints());
    containers.keySet().forEach(pid -> removed.add("vethwepl" + pid));
    containers.clear();
    exposed.clear();
    if (bridge) {
      removed.add("weft");
    }
    bridge = false;
    return removed;
  }

  @Override
  public Map<Cidr, Integer> holders() {
    Map<Cidr, Integer> holders = new LinkedHashMap<>();
    exposed.forEach(cidr -> holders.put(cidr, 0));
    attached().forEach(c -> c.addresses().forEach(cidr -> holders.put(cidr, c.pid())));
    return holders;
  }

  private String nextMac() {
    return String.format("02:00:00:00:%02x:%02x", ++macs / 256, macs % 256);
  }
}
