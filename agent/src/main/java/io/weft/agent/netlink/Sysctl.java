package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes /proc/sys/net without forking. /proc/sys/net shows the namespace of the
 * thread that opens the file, so for another namespace the files are opened on the namespace
 * thread inside it (see {@link NetNs#call}); {@link #setAll} makes one such trip for many keys.
 */
public final class Sysctl {

  private static final Path ROOT = Path.of("/proc/sys/net");

  private final NetNs ns;

  Sysctl(NetNs ns) {
    this.ns = ns;
  }

  /** The key of an IPv4 per-interface setting, e.g. {@code ipv4/conf/ethwe/arp_notify}. */
  public static String ipv4Conf(String iface, String setting) {
    return "ipv4/conf/" + InterfaceName.check("sysctl(" + iface + ")", iface) + "/" + setting;
  }

  /** The key of an IPv6 per-interface setting, e.g. {@code ipv6/conf/ethwe/disable_ipv6}. */
  public static String ipv6Conf(String iface, String setting) {
    return "ipv6/conf/" + InterfaceName.check("sysctl(" + iface + ")", iface) + "/" + setting;
  }

  /** Writes {@code value} to /proc/sys/net/{@code key}. */
  public void set(String key, String value) {
    setAll(Map.of(key, value));
  }

  /** Writes every entry, in order, in one trip into the namespace; stops at the first failure. */
  public void setAll(Map<String, String> settings) {
    Map<String, String> ordered = new LinkedHashMap<>(settings);
    ordered.keySet().forEach(k -> path("sysctlSet(" + k + ")", k));
    ns.call("sysctl in " + ns, () -> {
      for (Map.Entry<String, String> e : ordered.entrySet()) {
        String op = "sysctlSet(" + e.getKey() + "=" + e.getValue() + ")";
        io(op, () -> Files.write(path(op, e.getKey()), e.getValue().getBytes(StandardCharsets.US_ASCII),
            StandardOpenOption.WRITE));
      }
      return null;
    });
  }

  /** Reads /proc/sys/net/{@code key}, trimmed. */
  public String get(String key) {
    String op = "sysctlGet(" + key + ")";
    Path p = path(op, key);
    return ns.call("sysctl in " + ns, () -> io(op, () -> Files.readString(p, StandardCharsets.US_ASCII).trim()));
  }

  private static Path path(String op, String key) {
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf(0) >= 0) {
        throw InvalidArgumentException.rejected(op, "invalid sysctl key \"" + key + "\"");
      }
    }
    return ROOT.resolve(key);
  }

  private interface IoAction<T> {
    T run() throws IOException;
  }

  private static <T> T io(String op, IoAction<T> action) {
    try {
      return action.run();
    } catch (NoSuchFileException e) {
      throw new NotFoundException(op, Errno.ENOENT, null);
    } catch (AccessDeniedException e) {
      throw new PermissionDeniedException(op, Errno.EACCES, null);
    } catch (IOException e) {
      throw new NetlinkException(op, Errno.EIO, e.getMessage());
    }
  }
}
