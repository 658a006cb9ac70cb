package io.weft.agent.command;

import io.weft.agent.alloc.Owner;
import io.weft.agent.host.AttachedContainer;
import io.weft.agent.host.Attachment;
import io.weft.agent.host.WeftInterfaces;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.PluginContract;
import io.weft.common.command.Attach;
import io.weft.common.command.ContainerView;
import io.weft.common.command.Detach;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** attach and detach, and a started container getting its addresses back. */
final class ContainerVerbs {

  private final HostContext host;
  private final AddressClaims claims;

  ContainerVerbs(HostContext host, AddressClaims claims) {
    this.host = host;
    this.claims = claims;
  }

  Attach.Reply attach(Attach command) {
    return attach(command, null);
  }

  /** As {@link #attach(Attach)}, a new interface with {@code mac} when one is given. */
  private Attach.Reply attach(Attach command, String mac) {
    ContainerInfo container = host.containers().requireAttachable(command.container());
    Owner owner = new Owner(host.host(), container.id());
    AddressClaims.Grant grant = claims.grant(owner, command.cidrs());
    long[] claiming = new long[1];
    long start = System.nanoTime();
    Attachment attachment;
    try {
      attachment = host.kernel().attach(container.pid(), present -> {
        long claimStart = System.nanoTime();
        try {
          return grant.choose(present);
        } finally {
          claiming[0] = System.nanoTime() - claimStart;
        }
      }, mac);
    } catch (RuntimeException e) {
      grant.rollback();
      throw e;
    }
    double netlinkMillis = (System.nanoTime() - start - claiming[0]) / 1e6;
    host.book().describe(grant.chosen(), owner, attachment.mac());
    return new Attach.Reply(view(container, attachment.addresses()), attachment.added(), netlinkMillis);
  }

  Detach.Reply detach(Detach command) {
    ContainerInfo container = host.containers().requireAttachable(command.container());
    refuseDockersOwn(container, command.container());
    Owner owner = new Owner(host.host(), container.id());
    List<Cidr> forgotten = new ArrayList<>();
    List<Cidr> removed;
    try {
      // The record forgets first: a crash before the kernel's change leaves an address the
      // reconcile records again, never a detached one that comes back.
      removed = host.kernel().detach(container.pid(), command.cidrs(), going -> {
        host.book().release(going, owner);
        forgotten.addAll(going);
      });
    } catch (WeftException e) {
      reclaim(forgotten, owner);
      throw new WeftException(e.code(), "container '" + command.container() + "': " + e.getMessage());
    } catch (RuntimeException e) {
      reclaim(forgotten, owner);
      throw e;
    }
    List<Cidr> now = host.kernel().containerSide(container.pid())
        .map(AttachedContainer::addresses).orElse(List.of());
    return new Detach.Reply(view(container, now), removed);
  }

  /** A container Docker put on a weft network, and weft did not attach, is Docker's to take off. */
  private void refuseDockersOwn(ContainerInfo container, String asked) {
    if (container.networks().isEmpty() || host.kernel().containerSide(container.pid()).isPresent()) {
      return;
    }
    Set<String> wefts = host.containers().networksOfDriver(PluginContract.DRIVER);
    for (String network : container.networks().keySet()) {
      if (wefts.contains(network)) {
        throw new WeftException(ErrorCode.NOT_ATTACHED, "container '" + asked + "' is on the Docker network '"
            + network + "', not attached by weft: take it off with docker network disconnect " + network + " " + asked);
      }
    }
  }

  /**
   * Gives a container that started the addresses the record holds for it, when it lacks them: a
   * restarted container keeps its addresses. Returns what it got back.
   */
  List<Cidr> reattach(String containerId) {
    Owner owner = new Owner(host.host(), containerId);
    List<Cidr> held = host.book().heldBy(owner);
    if (held.isEmpty()) {
      return List.of();
    }
    // what the record holds was accepted once: a forced short prefix is given back as it was
    return attach(new Attach(held, containerId, true), host.book().macOf(owner).orElse(null)).added();
  }

  /** The kernel kept what the record forgot: record it again. */
  private void reclaim(List<Cidr> forgotten, Owner owner) {
    if (!forgotten.isEmpty()) {
      host.book().claim(forgotten, owner);
    }
  }

  private static ContainerView view(ContainerInfo container, List<Cidr> addresses) {
    return new ContainerView(container.id(), container.name(), WeftInterfaces.CONTAINER_INTERFACE,
        addresses);
  }
}
