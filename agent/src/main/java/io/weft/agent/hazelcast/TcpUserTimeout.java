package io.weft.agent.hazelcast;

import io.weft.agent.netlink.wire.Native;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.logging.Logger;

/**
 * Linux's {@code TCP_USER_TIMEOUT} on a member connection: the kernel aborts the connection when
 * data it sent stays unacknowledged this long. Acknowledgements come from the peer's kernel, not
 * its JVM, so this tells a host that is gone (or cut off) from one that is only slow, which a
 * heartbeat cannot: a member whose JVM is starved of CPU still has its segments acknowledged at
 * once. The JDK has no such option, so it is set with {@code setsockopt} on the channel's
 * descriptor, which the JDK hands out only to code it opened {@code sun.nio.ch} to (the agent's
 * JVM has {@code --add-opens java.base/sun.nio.ch}, which Hazelcast asks for too).
 */
final class TcpUserTimeout {

  private static final Logger LOG = Logger.getLogger(TcpUserTimeout.class.getName());
  private static final int IPPROTO_TCP = 6;
  private static final int TCP_USER_TIMEOUT = 18;
  private static final Method FD = descriptorMethod();

  private TcpUserTimeout() {}

  /** True when the option could be set: the JDK's descriptor was reachable and libc took it. */
  static boolean set(SocketChannel channel, int millis) {
    if (FD == null || channel == null) {
      return false;
    }
    try {
      int fd = (Integer) FD.invoke(channel);
      return Native.libc().setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, new int[] {millis}, 4) == 0;
    } catch (Exception | LinkageError e) {
      LOG.fine(() -> "no TCP user timeout on " + channel + ": " + e);
      return false;
    }
  }

  static boolean isAvailable() {
    return FD != null && Native.isAvailable();
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
}
