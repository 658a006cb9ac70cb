package io.weft.agent.wireguard;

import io.weft.agent.netlink.GenericNetlink;

/**
 * The kernel's WireGuard device, configured through generic netlink. Written and tested against
 * recorded messages; the machines weft is developed on have no WireGuard in their kernel, so it
 * has never configured a real device (see docs/wire.md).
 */
public final class KernelDevice implements WireGuardDevice {

  private final GenericNetlink genl;
  private final int family;
  private final String name;

  public KernelDevice(GenericNetlink genl, int family, String name) {
    this.genl = genl;
    this.family = family;
    this.name = name;
  }

  @Override
  public String implementation() {
    return "kernel";
  }

  @Override
  public DeviceState read() {
    return WireGuardNetlink.decode(genl.dump(WireGuardNetlink.getDevice(family, name), "wgGetDevice(" + name + ")"));
  }

  @Override
  public void apply(DeviceChange change) {
    if (!change.isEmpty()) {
      genl.execute(WireGuardNetlink.setDevice(family, name, change), "wgSetDevice(" + name + ")");
    }
  }

  @Override
  public void close() {
    genl.close();
  }
}
