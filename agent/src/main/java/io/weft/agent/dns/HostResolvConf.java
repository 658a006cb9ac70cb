package io.weft.agent.dns;

import io.weft.common.net.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The host's own resolvers, as its Docker engine sees them: the resolv.conf of the engine's mount
 * namespace, read through {@code /proc/PID/root} of the engine whose network namespace the agent
 * shares (the agent runs in the host's pid and network namespaces), so a file replaced by a
 * rename or behind a symlink is followed as the host sees it. Read again whenever it changed.
 * Where the engine's files cannot be read (no such process, a security module in the way), the
 * copy Docker gave the agent's container at its start stands in.
 */
public final class HostResolvConf {

  private static final Logger LOG = Logger.getLogger(HostResolvConf.class.getName());
  private static final String FILE = "/etc/resolv.conf";
  private static final int MAX_LINKS = 8;

  private final Path proc;
  private final Path fallback;
  private Path engine;
  private String lastText;
  private List<Ipv4> servers = List.of();

  /** @param proc the proc file system, {@code /proc}; @param fallback the container's own copy */
  public HostResolvConf(Path proc, Path fallback) {
    this.proc = proc;
    this.fallback = fallback;
  }

  public static HostResolvConf ofHost() {
    return new HostResolvConf(Path.of("/proc"), Path.of(FILE));
  }

  /** The resolvers now; the file is read again each call, parsed again only when it changed. */
  public synchronized List<Ipv4> nameservers() {
    String text = read();
    if (text != null && !text.equals(lastText)) {
      lastText = text;
      servers = ResolvConf.nameservers(text);
      LOG.info("the host's resolvers: " + (servers.isEmpty() ? "none" : servers));
    }
    return servers;
  }

  private String read() {
    Optional<Path> engineRoot = engineRoot();
    if (engineRoot.isPresent()) {
      try {
        return Files.readString(resolve(engineRoot.get(), FILE));
      } catch (IOException | RuntimeException e) {
        LOG.fine("cannot read the engine's " + FILE + ": " + e);
      }
    }
    try {
      return Files.readString(fallback);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * {@code /proc/PID/root} of the Docker engine in this network namespace: the one found last
   * time while it is still there, else looked for among every process.
   */
  private Optional<Path> engineRoot() {
    String ownNet;
    try {
      ownNet = Files.readSymbolicLink(proc.resolve("self/ns/net")).toString();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (engine == null || !isEngine(engine, ownNet)) {
      try (Stream<Path> processes = Files.list(proc)) {
        engine = processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
            .filter(p -> isEngine(p, ownNet)).findFirst().orElse(null);
      } catch (IOException | RuntimeException e) {
        engine = null;
      }
    }
    return Optional.ofNullable(engine).map(p -> p.resolve("root"));
  }

  private static boolean isEngine(Path process, String ownNet) {
    try {
      return Files.readString(process.resolve("comm")).strip().equals("dockerd")
          && Files.readSymbolicLink(process.resolve("ns/net")).toString().equals(ownNet);
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  /**
   * {@code absolute} under {@code root}, its symlinks followed as the host would: an absolute
   * link target is taken under {@code root} again, not under the agent's own root.
   */
  static Path resolve(Path root, String absolute) throws IOException {
    String current = absolute;
    for (int hop = 0; hop < MAX_LINKS; hop++) {
      Path path = root.resolve(current.substring(1));
      if (!Files.isSymbolicLink(path)) {
        return path;
      }
      String target = Files.readSymbolicLink(path).toString();
      current = target.startsWith("/") ? target
          : Path.of(current).getParent().resolve(target).normalize().toString();
    }
    throw new IOException(absolute + ": too many symbolic links");
  }
}
