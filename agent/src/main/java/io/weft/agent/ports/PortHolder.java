package io.weft.agent.ports;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who holds a TCP port the agent could not bind, as the kernel lists its sockets for the network
 * namespace ({@code /proc/net/tcp}, and {@code tcp6} for dual-stack sockets: address and port in
 * hex, the state, the owner's uid): so the
 * one-line error names the squatter's user, not "another process" alone. The agent's container
 * sees no process of the host, so the uid is what it can tell.
 */
public final class PortHolder {

  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String LISTEN = "0A";

  private PortHolder() {}

  /** The uid listening on {@code port} (its address, or any address), if the kernel says. */
  public static Optional<Integer> uidOf(InetSocketAddress port) {
    for (Path table : TABLES) {
      try {
        Optional<Integer> uid = uidIn(Files.readAllLines(table), port);
        if (uid.isPresent()) {
          return uid;
        }
      } catch (IOException | RuntimeException e) {
        // no such table here: the other may tell
      }
    }
    return Optional.empty();
  }

  /** The same from {@code lines}, as {@code /proc/net/tcp} has them (its heading first). */
  static Optional<Integer> uidIn(List<String> lines, InetSocketAddress port) {
    if (!(port.getAddress() instanceof Inet4Address address)) {
      return Optional.empty();
    }
    String portHex = ":" + String.format(Locale.ROOT, "%04X", port.getPort());
    // as tcp lists it, and as tcp6 lists a dual-stack socket's (::ffff:a.b.c.d, or ::)
    List<String> holding = List.of(hex(address.getAddress()) + portHex, "00000000" + portHex,
        "0000000000000000FFFF0000" + hex(address.getAddress()) + portHex, "0".repeat(32) + portHex);
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 7 && fields[3].equals(LISTEN)
          && holding.contains(fields[1].toUpperCase(Locale.ROOT))) {
        return Optional.of(Integer.parseInt(fields[7]));
      }
    }
    return Optional.empty();
  }

  /** An IPv4 address as the kernel prints it there: its four bytes in the machine's (little-endian) order. */
  private static String hex(byte[] address) {
    return String.format(Locale.ROOT, "%02X%02X%02X%02X", address[3], address[2], address[1], address[0]);
  }
}
