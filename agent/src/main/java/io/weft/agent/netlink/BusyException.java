package io.weft.agent.netlink;

/** The kernel refused because the object is in use (EBUSY). */
public class BusyException extends NetlinkException {

  public BusyException(String operation, int errno, String kernelMessage) {
    super(operation, errno, kernelMessage);
  }
}
