package io.weft.agent.netlink;

/** The caller lacks the capability (EPERM, EACCES): CAP_NET_ADMIN for rtnetlink, CAP_SYS_ADMIN for setns. */
public class PermissionDeniedException extends NetlinkException {

  public PermissionDeniedException(String operation, int errno, String kernelMessage) {
    super(operation, errno, kernelMessage);
  }
}
