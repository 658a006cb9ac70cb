package io.weft.agent.command;

import io.weft.agent.alloc.AddressBook;
import io.weft.agent.dns.FleetNames;
import io.weft.agent.host.HostKernel;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.Containers;
import io.weft.common.command.Status;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the command handlers work with on one host, each behind its seam: the kernel, the host's
 * Docker engine, and the address record; the range automatic addresses come from, the host's
 * name in the fleet, the underlay networks the fleet's hosts are on (as known now), which no
 * address given to weft may overlap, weft's DNS (null where no agent runs, and so no DNS), and
 * the data plane between hosts as the agent last wrote it down (empty where no agent runs).
 */
public record HostContext(HostKernel kernel, Containers containers, AddressBook book,
    AddressRange range, String host, Supplier<List<Cidr>> underlays, FleetNames names,
    Supplier<Optional<Status.Wire>> wire) {

  /** A host without weft's DNS (no agent): the DNS verbs say it needs one. */
  public HostContext(HostKernel kernel, Containers containers, AddressBook book, AddressRange range,
      String host, Supplier<List<Cidr>> underlays) {
    this(kernel, containers, book, range, host, underlays, null);
  }

  public HostContext(HostKernel kernel, Containers containers, AddressBook book, AddressRange range,
      String host, Supplier<List<Cidr>> underlays, FleetNames names) {
    this(kernel, containers, book, range, host, underlays, names, Optional::empty);
  }
}
