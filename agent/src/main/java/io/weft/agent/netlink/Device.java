package io.weft.agent.netlink;

/** Any other link, as listed: loopback, a physical NIC, or a kind this library does not model. */
public record Device(LinkAttrs attrs, String kind) implements Link {}
