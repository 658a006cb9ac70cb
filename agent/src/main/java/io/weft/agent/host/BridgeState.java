package io.weft.agent.host;

/** The bridge as the kernel has it: its index, whether it is up, its MTU and MAC. */
public record BridgeState(int index, boolean up, int mtu, String mac) {}
