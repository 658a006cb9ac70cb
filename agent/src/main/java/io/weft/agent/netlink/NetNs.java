package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Errno;
import io.weft.agent.netlink.wire.LibC;
import io.weft.agent.netlink.wire.NamespaceThread;
import io.weft.agent.netlink.wire.Native;
import io.weft.agent.netlink.wire.WireException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A network namespace held open by a descriptor: a named one ({@code /run/netns/NAME}), a
 * process's ({@code /proc/PID/ns/net}), any path, a descriptor someone else owns, or the current
 * namespace (no descriptor). Holding the descriptor keeps the namespace alive.
 */
public final class NetNs implements AutoCloseable {

  private static final NetNs CURRENT = new NetNs("current netns", -1, false);

  private final String description;
  private final int fd;
  private final boolean owned;
  private volatile boolean closed;

  private NetNs(String description, int fd, boolean owned) {
    this.description = description;
    this.fd = fd;
    this.owned = owned;
  }

  /** The namespace this process runs in. */
  public static NetNs current() {
    return CURRENT;
  }

  /** A namespace made by {@code ip netns add NAME}. */
  public static NetNs named(String name) {
    if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw InvalidArgumentException.rejected("netnsOpen(" + name + ")", "invalid namespace name \"" + name + "\"");
    }
    return ofPath("/run/netns/" + name);
  }

  /** The namespace of process {@code pid}. */
  public static NetNs ofPid(int pid) {
    if (pid <= 0) {
      throw InvalidArgumentException.rejected("netnsOpen(pid " + pid + ")", "invalid pid " + pid);
    }
    return ofPath("/proc/" + pid + "/ns/net");
  }

  /** The namespace a file refers to; a missing file is a {@link NotFoundException} naming it. */
  public static NetNs ofPath(String path) {
    int fd = Native.libc().open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw NetlinkException.of("netnsOpen(" + path + ")", Native.lastErrno(), null);
    }
    return new NetNs(path, fd, true);
  }

  /** A namespace descriptor owned by the caller; closing this object leaves it open. */
  public static NetNs ofFd(int fd) {
    if (fd < 0) {
      throw InvalidArgumentException.rejected("netnsOpen(fd " + fd + ")", "invalid descriptor " + fd);
    }
    return new NetNs("netns fd " + fd, fd, false);
  }

  public boolean isCurrent() {
    return fd < 0;
  }

  /** The descriptor, -1 for the current namespace. */
  public int fd() {
    ensureOpen();
    return fd;
  }

  /** This namespace as the target of a link move or a veth peer. */
  public NsTarget target() {
    if (isCurrent()) {
      return NsTarget.pid((int) ProcessHandle.current().pid());
    }
    return NsTarget.fd(fd());
  }

  /**
   * Runs {@code task} with the calling context inside this namespace: directly for the current
   * namespace, else on the dedicated namespace thread, which enters it and goes home after.
   */
  public <T> T call(String what, Callable<T> task) {
    try {
      if (isCurrent()) {
        return task.call();
      }
      return NamespaceThread.call(fd(), description, task);
    } catch (WireException e) {
      throw NetlinkException.of(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(what + ": " + e, e);
    }
  }

  /** Like {@link #call} but returns at once; for another namespace the task runs on the namespace thread. */
  public <T> CompletableFuture<T> start(String what, Callable<T> task) {
    if (isCurrent()) {
      return CompletableFuture.completedFuture(call(what, task));
    }
    return NamespaceThread.start(fd(), description, task).exceptionallyCompose(e ->
        CompletableFuture.failedFuture(e instanceof WireException wire ? NetlinkException.of(wire) : e));
  }

  private void ensureOpen() {
    if (closed) {
      throw new NetlinkException("netns(" + description + ")", Errno.EBADF, "handle closed");
    }
  }

  @Override
  public void close() {
    if (owned && !closed) {
      closed = true;
      Native.libc().close(fd);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
