package io.weft.agent.hazelcast;

import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.logging.Logger;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * Linux's {@code TCP_USER_TIMEOUT} on a member connection: the kernel aborts the connection when
 * data it sent stays unacknowledged this long. Acknowledgements come from the peer's kernel, not
 * its JVM, so this tells a host that is gone (or cut off) from one that is only slow, which a
 * heartbeat cannot: a member whose JVM is starved of CPU still has its segments acknowledged at
 * once. The JDK has no such option, so it is set with {@code setsockopt} (libc, through jnr-ffi)
 * on the channel's descriptor, which the JDK hands out only to code it opened {@code sun.nio.ch}
 * to (the agent's JVM has {@code --add-opens java.base/sun.nio.ch}, which Hazelcast asks for too).
 */
final class TcpUserTimeout {

  /** The two libc calls this needs. */
  public interface SocketOptions {
    int setsockopt(int fd, int level, int name, @In int[] value, int length);

    int getsockopt(int fd, int level, int name, @Out int[] value, @In @Out int[] length);
  }

  private static final Logger LOG = Logger.getLogger(TcpUserTimeout.class.getName());
  private static final int IPPROTO_TCP = 6;
  private static final int TCP_USER_TIMEOUT = 18;
  private static final Method FD = descriptorMethod();
  private static final SocketOptions LIBC = FD == null ? null : libc();

  private TcpUserTimeout() {}

  /** True when the option could be set: the JDK's descriptor was reachable and libc took it. */
  static boolean set(SocketChannel channel, int millis) {
    if (LIBC == null || channel == null) {
      return false;
    }
    try {
      return LIBC.setsockopt(fd(channel), IPPROTO_TCP, TCP_USER_TIMEOUT, new int[] {millis}, 4) == 0;
    } catch (Exception e) {
      LOG.fine(() -> "no TCP user timeout on " + channel + ": " + e);
      return false;
    }
  }

  /** The option as the kernel holds it for {@code channel}, in milliseconds; -1 when unknown. */
  static int get(SocketChannel channel) {
    if (LIBC == null) {
      return -1;
    }
    try {
      int[] value = new int[1];
      int[] length = {4};
      return LIBC.getsockopt(fd(channel), IPPROTO_TCP, TCP_USER_TIMEOUT, value, length) == 0 ? value[0] : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  static boolean isAvailable() {
    return LIBC != null;
  }

  private static int fd(SocketChannel channel) throws Exception {
    return (Integer) FD.invoke(channel);
  }

  private static Method descriptorMethod() {
    try {
      Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
      m.setAccessible(true);
      return m;
    } catch (Exception | LinkageError e) {
      LOG.warning("member connections get no TCP user timeout (a dead host is then noticed by"
          + " its heartbeats alone): " + e);
      return null;
    }
  }

  private static SocketOptions libc() {
    try {
      return LibraryLoader.create(SocketOptions.class).load("c");
    } catch (LinkageError | RuntimeException e) {
      LOG.warning("member connections get no TCP user timeout (no libc here): " + e);
      return null;
    }
  }
}
