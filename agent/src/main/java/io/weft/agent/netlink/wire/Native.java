package io.weft.agent.netlink.wire;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads libc once. Like netty's {@code Epoll.isAvailable()}, a machine where that fails gets a
 * reason from {@link #unavailabilityCause()} instead of a crash at first use.
 */
public final class Native {

  private static final LibC LIBC;
  private static final Runtime RUNTIME;
  private static final Throwable CAUSE;
  private static final SockaddrNl KERNEL;

  static {
    LibC lib = null;
    Runtime rt = null;
    Throwable cause = null;
    try {
      if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
        throw new UnsupportedOperationException("netlink needs Linux, this is " + System.getProperty("os.name"));
      }
      lib = LibraryLoader.create(LibC.class).load("c");
      rt = Runtime.getRuntime(lib);
    } catch (Throwable t) {
      cause = t;
      lib = null;
    }
    LIBC = lib;
    RUNTIME = rt;
    CAUSE = cause;
    KERNEL = cause == null ? SockaddrNl.kernel(rt) : null;
  }

  private Native() {}

  public static boolean isAvailable() {
    return CAUSE == null;
  }

  /** Why native calls cannot be made here, or null when they can. */
  public static Throwable unavailabilityCause() {
    return CAUSE;
  }

  public static LibC libc() {
    if (CAUSE != null) {
      throw new UnsupportedOperationException("netlink is unavailable: " + CAUSE, CAUSE);
    }
    return LIBC;
  }

  public static Runtime runtime() {
    libc();
    return RUNTIME;
  }

  /** sockaddr_nl of the kernel (port 0, no groups); shared, never written after creation. */
  static SockaddrNl kernelAddress() {
    libc();
    return KERNEL;
  }

  /** errno of the last native call on this thread; read it right after the call. */
  public static int lastErrno() {
    return RUNTIME.getLastError();
  }
}
