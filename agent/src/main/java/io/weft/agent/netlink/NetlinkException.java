package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.DumpInterrupted;
import io.weft.agent.netlink.wire.Errno;
import io.weft.agent.netlink.wire.WireException;

/**
 * A netlink operation failed. Carries the operation ({@code linkAdd(veth vethwepl123)}), the
 * errno and, when the kernel gave one, its extended-ack message. The message reads like
 * netty's native errors: {@code linkAdd(veth vethwepl123) failed: File exists (EEXIST)}.
 * Subclasses name the failures callers act on; anything else is this class.
 */
public class NetlinkException extends RuntimeException {

  private final String operation;
  private final int errno;
  private final String kernelMessage;

  public NetlinkException(String operation, int errno, String kernelMessage) {
    this(operation, errno, kernelMessage, Errno.describe(errno) + " (" + Errno.name(errno) + ")");
  }

  /** For failures found before any syscall: {@code detail} replaces the errno text. */
  protected NetlinkException(String operation, int errno, String kernelMessage, String detail) {
    super(operation + " failed: " + detail + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ": " + kernelMessage));
    this.operation = operation;
    this.errno = errno;
    this.kernelMessage = kernelMessage;
  }

  /** The operation and its subject, e.g. {@code addrAdd(10.32.0.1/12 dev ethwe)}. */
  public String operation() {
    return operation;
  }

  public int errno() {
    return errno;
  }

  /** The symbolic errno, e.g. {@code EEXIST}. */
  public String errnoName() {
    return Errno.name(errno);
  }

  /** The kernel's extended-ack text, or null when it sent none. */
  public String kernelMessage() {
    return kernelMessage;
  }

  /** The typed exception for what the wire layer reported. */
  public static NetlinkException of(WireException e) {
    if (e instanceof DumpInterrupted) {
      return new DumpInterruptedException(e.operation());
    }
    return of(e.operation(), e.errno(), e.kernelMessage());
  }

  /** The typed exception for a kernel errno: the one place errnos become types. */
  public static NetlinkException of(String operation, int errno, String kernelMessage) {
    switch (errno) {
      case Errno.EEXIST:
        return new AlreadyExistsException(operation, errno, kernelMessage);
      case Errno.ENOENT:
      case Errno.ENODEV:
      case Errno.ESRCH:
      case Errno.ENXIO:
      case Errno.EADDRNOTAVAIL:
        return new NotFoundException(operation, errno, kernelMessage);
      case Errno.EPERM:
      case Errno.EACCES:
        return new PermissionDeniedException(operation, errno, kernelMessage);
      case Errno.EBUSY:
        return new BusyException(operation, errno, kernelMessage);
      case Errno.EINVAL:
      case Errno.ERANGE:
        return new InvalidArgumentException(operation, errno, kernelMessage);
      default:
        return new NetlinkException(operation, errno, kernelMessage);
    }
  }
}
