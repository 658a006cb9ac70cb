package io.weft.agent.netlink.wire;

/** errno numbers of Linux (asm-generic/errno*.h): their symbolic names and strerror texts. */
public final class Errno {

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int EBADF = 9;
  public static final int ENXIO = 6;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int ERANGE = 34;
  public static final int EADDRNOTAVAIL = 99;

  private static final String[][] TABLE = table();

  private Errno() {}

  /** "EEXIST" for 17; "E123" for a number this table does not know. */
  public static String name(int errno) {
    String[] e = errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
    return e != null ? e[0] : "E" + errno;
  }

  /** "File exists" for 17, as strerror(3) says it. */
  public static String describe(int errno) {
    String[] e = errno > 0 && errno < TABLE.length ? TABLE[errno] : null;
    return e != null ? e[1] : "Unknown error " + errno;
  }

  private static String[][] table() {
    String[][] t = new String[134][];
    put(t, 1, "EPERM", "Operation not permitted");
    put(t, 2, "ENOENT", "No such file or directory");
    put(t, 3, "ESRCH", "No such process");
    put(t, 4, "EINTR", "Interrupted system call");
    put(t, 5, "EIO", "Input/output error");
    put(t, 6, "ENXIO", "No such device or address");
    put(t, 7, "E2BIG", "Argument list too long");
    put(t, 9, "EBADF", "Bad file descriptor");
    put(t, 11, "EAGAIN", "Resource temporarily unavailable");
    put(t, 12, "ENOMEM", "Cannot allocate memory");
    put(t, 13, "EACCES", "Permission denied");
    put(t, 14, "EFAULT", "Bad address");
    put(t, 16, "EBUSY", "Device or resource busy");
    put(t, 17, "EEXIST", "File exists");
    put(t, 18, "EXDEV", "Invalid cross-device link");
    put(t, 19, "ENODEV", "No such device");
    put(t, 20, "ENOTDIR", "Not a directory");
    put(t, 21, "EISDIR", "Is a directory");
    put(t, 22, "EINVAL", "Invalid argument");
    put(t, 23, "ENFILE", "Too many open files in system");
    put(t, 24, "EMFILE", "Too many open files");
    put(t, 28, "ENOSPC", "No space left on device");
    put(t, 30, "EROFS", "Read-only file system");
    put(t, 31, "EMLINK", "Too many links");
    put(t, 34, "ERANGE", "Numerical result out of range");
    put(t, 36, "ENAMETOOLONG", "File name too long");
    put(t, 38, "ENOSYS", "Function not implemented");
    put(t, 39, "ENOTEMPTY", "Directory not empty");
    put(t, 40, "ELOOP", "Too many levels of symbolic links");
    put(t, 61, "ENODATA", "No data available");
    put(t, 71, "EPROTO", "Protocol error");
    put(t, 75, "EOVERFLOW", "Value too large for defined data type");
    put(t, 88, "ENOTSOCK", "Socket operation on non-socket");
    put(t, 90, "EMSGSIZE", "Message too long");
    put(t, 93, "EPROTONOSUPPORT", "Protocol not supported");
    put(t, 95, "EOPNOTSUPP", "Operation not supported");
    put(t, 97, "EAFNOSUPPORT", "Address family not supported by protocol");
    put(t, 98, "EADDRINUSE", "Address already in use");
    put(t, 99, "EADDRNOTAVAIL", "Cannot assign requested address");
    put(t, 100, "ENETDOWN", "Network is down");
    put(t, 101, "ENETUNREACH", "Network is unreachable");
    put(t, 105, "ENOBUFS", "No buffer space available");
    put(t, 110, "ETIMEDOUT", "Connection timed out");
    put(t, 113, "EHOSTUNREACH", "No route to host");
    return t;
  }

  private static void put(String[][] t, int n, String name, String text) {
    t[n] = new String[] {name, text};
  }
}
