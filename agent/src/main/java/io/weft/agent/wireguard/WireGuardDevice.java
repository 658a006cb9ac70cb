package io.weft.agent.wireguard;

/**
 * A host's WireGuard device, whichever implementation carries it: the kernel's (configured
 * through generic netlink) or wireguard-go's (through its UAPI socket). The agent reads it and
 * changes it; it never creates or owns the traffic, which goes on when the agent is gone.
 */
public interface WireGuardDevice extends AutoCloseable {

  /** The device's interface name. */
  String NAME = "weft-wg";

  /** {@code kernel} or {@code wireguard-go}, for {@code weft status}. */
  String implementation();

  /** The device now, its peers' counters included. */
  DeviceState read();

  /** Applies {@code change} as one request; nothing when it is empty. */
  void apply(DeviceChange change);

  @Override
  default void close() {}
}
