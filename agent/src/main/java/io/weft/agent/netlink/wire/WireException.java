package io.weft.agent.netlink.wire;

/**
 * A system call or a netlink request failed: the operation, the kernel's errno and, when it gave
 * one, its extended-ack text. The wire layer reports only this; the verbs above turn it into
 * their typed exceptions.
 */
public class WireException extends RuntimeException {

  private final String operation;
  private final int errno;
  private final String kernelMessage;

  public WireException(String operation, int errno, String kernelMessage) {
    super(operation + " failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")"
        + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ": " + kernelMessage));
    this.operation = operation;
    this.errno = errno;
    this.kernelMessage = kernelMessage;
  }

  public String operation() {
    return operation;
  }

  public int errno() {
    return errno;
  }

  /** The kernel's extended-ack text, or null when it sent none. */
  public String kernelMessage() {
    return kernelMessage;
  }
}
