package io.weft.agent.command;

import io.weft.agent.alloc.AddressBook;
import io.weft.agent.host.HostKernel;
import io.weft.common.alloc.AddressRange;
import io.weft.docker.engine.Containers;

/**
 * What the command handlers work with on one host, each behind its seam: the kernel, the host's
 * Docker engine, and the address record; the range automatic addresses come from, and the
 * host's name in the fleet.
 */
public record HostContext(HostKernel kernel, Containers containers, AddressBook book,
    AddressRange range, String host) {}
