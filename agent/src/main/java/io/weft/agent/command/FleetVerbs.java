package io.weft.agent.command;

import io.weft.agent.alloc.AddressBook;
import io.weft.common.command.RemovePeer;

/** What a host does for the fleet as a whole: rmpeer of a host that will not come back. */
final class FleetVerbs {

  private final HostContext host;

  FleetVerbs(HostContext host) {
    this.host = host;
  }

  RemovePeer.Reply removePeer(RemovePeer command) {
    AddressBook.RemovedPeer removed = host.book().removePeer(command.peer());
    return new RemovePeer.Reply(removed.peer(), removed.blocks(), removed.released());
  }
}
