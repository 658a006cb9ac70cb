package io.weft.agent.alloc;

import io.weft.common.net.Ipv4;

/** An address of the fleet's, the host that holds it, and the MAC it answers at there. */
public record Endpoint(Ipv4 address, String host, String mac) {}
