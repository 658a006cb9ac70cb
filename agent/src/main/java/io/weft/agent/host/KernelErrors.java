package io.weft.agent.host;

import io.weft.agent.netlink.NetlinkException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/** Turns the kernel's refusals into weft's coded errors. */
final class KernelErrors {

  private KernelErrors() {}

  static WeftException of(NetlinkException e) {
    return new WeftException(ErrorCode.NETLINK_FAILED, e.getMessage(), e);
  }
}
