package io.weft.agent.netlink;

/** The thing to create exists already (EEXIST). */
public class AlreadyExistsException extends NetlinkException {

  public AlreadyExistsException(String operation, int errno, String kernelMessage) {
    super(operation, errno, kernelMessage);
  }
}
