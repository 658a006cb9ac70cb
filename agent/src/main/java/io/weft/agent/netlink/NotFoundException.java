package io.weft.agent.netlink;

/** The link, address, route, neighbour, namespace or process named does not exist (ENOENT, ENODEV, ESRCH, ENXIO; EADDRNOTAVAIL when deleting an address that is not there). */
public class NotFoundException extends NetlinkException {

  public NotFoundException(String operation, int errno, String kernelMessage) {
    super(operation, errno, kernelMessage);
  }
}
