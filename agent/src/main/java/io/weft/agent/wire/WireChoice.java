package io.weft.agent.wire;

import io.weft.agent.wireguard.WireGuardDevice;

/** The WireGuard this host uses, and why: {@code weft status} says both. */
public record WireChoice(WireGuardDevice device, String reason) {

  public String describe() {
    return device.implementation() + " (" + reason + ")";
  }
}
