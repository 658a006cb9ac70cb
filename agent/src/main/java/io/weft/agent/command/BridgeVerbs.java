package io.weft.agent.command;

import io.weft.agent.alloc.Owner;
import io.weft.agent.host.WeftInterfaces;
import io.weft.common.command.Expose;
import io.weft.common.command.Hide;
import io.weft.common.command.Reset;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/** expose and hide, the host's own addresses on weft's bridge, and reset, which removes it all. */
final class BridgeVerbs {

  private final HostContext host;
  private final AddressClaims claims;

  BridgeVerbs(HostContext host, AddressClaims claims) {
    this.host = host;
    this.claims = claims;
  }

  Expose.Reply expose(Expose command) {
    Owner owner = Owner.bridgeOf(host.host());
    AddressClaims.Grant grant = claims.grant(owner, command.cidrs());
    List<Cidr> chosen = grant.choose(host.kernel().exposedAddresses());
    List<Cidr> added;
    try {
      added = host.kernel().expose(chosen);
    } catch (RuntimeException e) {
      grant.rollback();
      throw e;
    }
    host.kernel().bridge().ifPresent(bridge -> host.book().describe(chosen, owner, bridge.mac()));
    return new Expose.Reply(WeftInterfaces.BRIDGE, host.kernel().exposedAddresses(), added);
  }

  Hide.Reply hide(Hide command) {
    Owner owner = Owner.bridgeOf(host.host());
    List<Cidr> forgotten = new ArrayList<>();
    try {
      // the record forgets first, as detach does
      List<Cidr> removed = host.kernel().hide(command.cidrs(), going -> {
        host.book().release(going, owner);
        forgotten.addAll(going);
      });
      return new Hide.Reply(WeftInterfaces.BRIDGE, removed);
    } catch (RuntimeException e) {
      if (!forgotten.isEmpty()) {
        host.book().claim(forgotten, owner);
      }
      throw e;
    }
  }

  Reset.Reply reset(Reset command) {
    // The record first: what the kernel keeps after a failure, the reconcile records again.
    host.book().releaseHost(host.host());
    return new Reset.Reply(host.kernel().reset());
  }
}
