package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;

/**
 * A netlink socket (NETLINK_ROUTE unless told otherwise). It lives in the network namespace of
 * the thread that opened it, for its whole life, whichever thread uses it later; that is what
 * makes a handle namespace-bound.
 */
public final class NetlinkSocket implements Transport {

  private static final int[] ON = {1};

  private final LibC libc;
  private final SockaddrNl kernel;
  private final int fd;
  private volatile boolean closed;

  private NetlinkSocket(int fd) {
    this.libc = Native.libc();
    this.kernel = Native.kernelAddress();
    this.fd = fd;
  }

  /** Opens and binds a NETLINK_ROUTE socket in the calling thread's network namespace, extended acks on. */
  public static NetlinkSocket open() {
    return open(NlConst.NETLINK_ROUTE);
  }

  /** As {@link #open()}, for another netlink protocol ({@link NlConst#NETLINK_NETFILTER}). */
  public static NetlinkSocket open(int protocol) {
    LibC libc = Native.libc();
    int fd = libc.socket(NlConst.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
    if (fd < 0) {
      throw new WireException("socket(AF_NETLINK, " + protocol + ")", Native.lastErrno(), null);
    }
    NetlinkSocket s = new NetlinkSocket(fd);
    // Without ext-ack we still work, only with plainer messages; so its failure is ignored.
    libc.setsockopt(fd, NlConst.SOL_NETLINK, NlConst.NETLINK_EXT_ACK, ON, 4);
    // Bound to port id 0, no groups: the kernel assigns a unique port id.
    if (libc.bind(fd, Native.kernelAddress(), SockaddrNl.LEN) < 0) {
      int errno = Native.lastErrno();
      s.close();
      throw new WireException("bind(netlink socket)", errno, null);
    }
    return s;
  }

  @Override
  public void send(ByteBuffer message) {
    int len = message.remaining();
    while (true) {
      long n = libc.sendto(fd, message, len, 0, kernel, SockaddrNl.LEN);
      if (n >= 0) {
        return;
      }
      int errno = Native.lastErrno();
      if (errno != Errno.EINTR) {
        throw new WireException("sendto(netlink socket)", errno, null);
      }
    }
  }

  @Override
  public void receive(ByteBuffer into) {
    into.clear();
    while (true) {
      long n = libc.recvfrom(fd, into, into.capacity(), 0, null, null);
      if (n >= 0) {
        into.limit((int) Math.min(n, into.capacity()));
        return;
      }
      int errno = Native.lastErrno();
      if (errno != Errno.EINTR) {
        throw new WireException("recvfrom(netlink socket)", errno, null);
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      libc.close(fd);
    }
  }
}
