package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Errno;

/**
 * The request was refused as malformed: by the kernel (EINVAL, ERANGE) or, before any syscall,
 * by this library's own checks (a bad interface name, address or prefix); nothing was changed.
 */
public class InvalidArgumentException extends NetlinkException {

  public InvalidArgumentException(String operation, int errno, String kernelMessage) {
    super(operation, errno, kernelMessage);
  }

  private InvalidArgumentException(String operation, String detail) {
    super(operation, Errno.EINVAL, null, detail);
  }

  /** A check of ours failed; {@code detail} names the bad value. */
  public static InvalidArgumentException rejected(String operation, String detail) {
    return new InvalidArgumentException(operation, detail);
  }
}
