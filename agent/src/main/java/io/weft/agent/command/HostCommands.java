package io.weft.agent.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.host.AttachedContainer;
import io.weft.agent.host.Attachment;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.host.WeftInterfaces;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import io.weft.common.alloc.AddressRange;
import io.weft.common.command.AttachCommand;
import io.weft.common.command.Command;
import io.weft.common.command.DetachCommand;
import io.weft.common.command.ExposeCommand;
import io.weft.common.command.HideCommand;
import io.weft.common.command.PsCommand;
import io.weft.common.command.ResetCommand;
import io.weft.common.command.StatusCommand;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.docker.ContainerInfo;
import io.weft.docker.Containers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries out every command on this host, whatever brought it: {@code --local} now, the event
 * bus later. Each verb's handling is one method; replies are JSON.
 */
public final class HostCommands {

  private final HostNetwork network;
  private final Containers containers;
  private final AddressRange range;
  private final java.util.function.Supplier<String> hostName;
  private final AddressBook book;

  public HostCommands(HostNetwork network, Containers containers, AddressRange range,
      java.util.function.Supplier<String> hostName, AddressBook book) {
    this.network = network;
    this.containers = containers;
    this.range = range;
    this.hostName = hostName;
    this.book = book;
  }

  public JsonObject execute(Command command) {
    if (command instanceof AttachCommand c) {
      return attach(c);
    } else if (command instanceof DetachCommand c) {
      return detach(c);
    } else if (command instanceof ExposeCommand c) {
      return expose(c);
    } else if (command instanceof HideCommand c) {
      return hide(c);
    } else if (command instanceof PsCommand) {
      return ps();
    } else if (command instanceof StatusCommand) {
      return status();
    } else if (command instanceof ResetCommand) {
      return reset();
    }
    throw new WeftException(ErrorCode.BAD_REQUEST, "unknown command " + command.verb());
  }

  /**
   * Gives a container that started the addresses the fleet's record holds for it, when it lacks
   * them: a restarted container keeps its addresses. Returns what it got back.
   */
  public List<Cidr> reattach(String containerId) {
    List<Cidr> held = book.heldBy(new Owner(hostName.get(), containerId));
    if (held.isEmpty()) {
      return List.of();
    }
    JsonObject reply = attach(new AttachCommand(held, containerId));
    return held.stream().filter(c -> reply.getJsonArray("added").contains(c.toString())).toList();
  }

  private JsonObject attach(AttachCommand command) {
    ContainerInfo container = containers.requireAttachable(command.container());
    Owner owner = new Owner(hostName.get(), container.id());
    Map<Cidr, Integer> holders = network.holders();
    List<Cidr> own = ownAddresses(holders, container.pid());
    List<Cidr> wanted = command.cidrs();
    if (wanted.isEmpty() && !own.isEmpty()) {
      wanted = own; // attach again: it keeps what it has
    } else if (wanted.isEmpty()) {
      wanted = List.of(book.allocate(range, ips(holders), owner));
    } else {
      refuseAddressesHeldByOthers(wanted, holders, container.pid(), container.name());
      book.claim(wanted, owner);
    }
    long start = System.nanoTime();
    Attachment attachment;
    try {
      attachment = network.attach(container.pid(), wanted);
    } catch (RuntimeException e) {
      book.release(wanted.stream().filter(c -> !own.contains(c)).toList(), owner);
      throw e;
    }
    double netlinkMillis = (System.nanoTime() - start) / 1e6;
    book.describe(wanted, owner, attachment.mac());
    return containerReply(container).put("added", json(attachment.added()))
        .put("netlinkMillis", netlinkMillis);
  }

  private JsonObject detach(DetachCommand command) {
    ContainerInfo container = containers.requireAttachable(command.container());
    List<Cidr> removed;
    try {
      removed = network.detach(container.pid(), command.cidrs());
    } catch (WeftException e) {
      throw new WeftException(e.code(), "container '" + command.container() + "': " + e.getMessage());
    }
    book.release(removed, new Owner(hostName.get(), container.id()));
    return containerReply(container).put("removed", json(removed));
  }

  private JsonObject expose(ExposeCommand command) {
    Map<Cidr, Integer> holders = network.holders();
    Owner owner = Owner.bridgeOf(hostName.get());
    List<Cidr> own = ownAddresses(holders, 0);
    List<Cidr> wanted = command.cidrs();
    if (wanted.isEmpty() && !own.isEmpty()) {
      wanted = own;
    } else if (wanted.isEmpty()) {
      wanted = List.of(book.allocate(range, ips(holders), owner));
    } else {
      refuseAddressesHeldByOthers(wanted, holders, 0, "the host");
      book.claim(wanted, owner);
    }
    List<Cidr> added;
    try {
      added = network.expose(wanted);
    } catch (RuntimeException e) {
      book.release(wanted.stream().filter(c -> !own.contains(c)).toList(), owner);
      throw e;
    }
    List<Cidr> exposed = wanted;
    network.bridge().ifPresent(bridge -> book.describe(exposed, owner, String.valueOf(bridge.attrs().mac())));
    return new JsonObject().put("bridge", WeftInterfaces.BRIDGE)
        .put("addresses", json(network.exposedAddresses())).put("added", json(added));
  }

  private JsonObject hide(HideCommand command) {
    List<Cidr> removed = network.hide(command.cidrs());
    book.release(removed, Owner.bridgeOf(hostName.get()));
    return new JsonObject().put("bridge", WeftInterfaces.BRIDGE).put("removed", json(removed));
  }

  private JsonObject ps() {
    JsonArray rows = new JsonArray();
    List<AttachedContainer> attached = network.attached();
    Map<Integer, ContainerInfo> byPid = containers.runningByPid();
    for (AttachedContainer c : attached) {
      ContainerInfo info = byPid.get(c.pid());
      rows.add(new JsonObject()
          .put("id", info == null ? null : info.id())
          .put("name", info == null ? null : info.name())
          .put("pid", c.pid())
          .put("mac", c.mac())
          .put("addresses", json(c.addresses())));
    }
    JsonObject reply = new JsonObject().put("containers", rows);
    network.bridge().ifPresent(bridge -> reply.put("bridge", new JsonObject()
        .put("name", WeftInterfaces.BRIDGE)
        .put("mac", String.valueOf(bridge.attrs().mac()))
        .put("addresses", json(network.exposedAddresses()))));
    return reply;
  }

  private JsonObject status() {
    java.util.Optional<io.weft.agent.netlink.Link> link = network.bridge();
    JsonObject bridge = new JsonObject().put("name", WeftInterfaces.BRIDGE)
        .put("present", link.isPresent());
    link.ifPresent(found -> bridge
        .put("up", found.attrs().up())
        .put("mtu", found.attrs().mtu())
        .put("mac", String.valueOf(found.attrs().mac()))
        .put("addresses", json(network.exposedAddresses())));
    return new JsonObject()
        .put("host", hostName.get())
        .put("version", WeftVersion.get())
        .put("range", range.toString())
        .put("bridge", bridge)
        .put("containers", network.attached().size());
  }

  private JsonObject reset() {
    List<String> removed = network.reset();
    book.releaseHost(hostName.get());
    return new JsonObject().put("removed", new JsonArray(new ArrayList<>(removed)));
  }

  private static void refuseAddressesHeldByOthers(
      List<Cidr> wanted, Map<Cidr, Integer> holders, int self, String selfName) {
    for (Cidr cidr : wanted) {
      for (Map.Entry<Cidr, Integer> held : holders.entrySet()) {
        if (held.getKey().address().equals(cidr.address()) && held.getValue() != self) {
          String holder = held.getValue() == 0 ? "the host (exposed)" : "the container with pid " + held.getValue();
          throw new WeftException(ErrorCode.ADDRESS_IN_USE,
              cidr.address() + " is held by " + holder + "; not given to " + selfName);
        }
      }
    }
  }

  private static List<Cidr> ownAddresses(Map<Cidr, Integer> holders, int pid) {
    return holders.entrySet().stream().filter(e -> e.getValue() == pid).map(Map.Entry::getKey).toList();
  }

  private static List<Ipv4> ips(Map<Cidr, Integer> holders) {
    return holders.keySet().stream().map(Cidr::address).toList();
  }

  private JsonObject containerReply(ContainerInfo container) {
    List<Cidr> now = network.containerSide(container.pid())
        .map(AttachedContainer::addresses).orElse(List.of());
    return new JsonObject().put("container", new JsonObject()
        .put("id", container.id())
        .put("name", container.name())
        .put("interface", WeftInterfaces.CONTAINER_INTERFACE)
        .put("addresses", json(now)));
  }

  private static JsonArray json(List<Cidr> cidrs) {
    JsonArray array = new JsonArray();
    cidrs.forEach(c -> array.add(c.toString()));
    return array;
  }
}
