package io.weft.shell.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds every process that belongs to a sandbox host: those in its network namespace (the
 * engine, containerd, shims, host-network containers) and those in the cgroup of any container
 * or managed plugin its engine made (those with namespaces of their own).
 */
final class SandboxProcesses {

  private SandboxProcesses() {}

  static List<Long> of(SandboxHost host) {
    String netns = namespaceId(host.netnsPath());
    Set<String> containerIds = containerIds(host);
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid == ProcessHandle.current().pid()) {
          continue;
        }
        if ((netns != null && netns.equals(namespaceId(proc.resolve("ns/net"))))
            || inAnyCgroup(proc, containerIds)) {
          found.add(pid);
        }
      }
    } catch (IOException e) {
      // /proc always lists; a process that ends while read is simply not there
    }
    return found;
  }

  private static String namespaceId(Path nsLink) {
    try {
      return Files.readSymbolicLink(nsLink).toString();
    } catch (IOException | UnsupportedOperationException e) {
      // /run/netns entries are bind mounts, not links: compare by inode instead
      try {
        Object inode = Files.getAttribute(nsLink, "unix:ino");
        return "net:[" + inode + "]";
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e2) {
        return null;
      }
    }
  }

  /**
   * The ids of the engine's containers and of its managed plugins (weft's among them): each runs
   * in a cgroup named by its id, and a plugin has no network namespace of the host's.
   */
  private static Set<String> containerIds(SandboxHost host) {
    Set<String> ids = new java.util.HashSet<>(idsIn(host.dataRoot().resolve("containers")));
    idsIn(host.dataRoot().resolve("plugins")).stream().filter(id -> id.matches("[0-9a-f]{64}")).forEach(ids::add);
    return ids;
  }

  private static Set<String> idsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Set.of();
    }
    try (Stream<Path> dirs = Files.list(folder)) {
      return dirs.map(d -> d.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  private static boolean inAnyCgroup(Path proc, Set<String> containerIds) {
    if (containerIds.isEmpty()) {
      return false;
    }
    try {
      String cgroups = Files.readString(proc.resolve("cgroup"));
      return containerIds.stream().anyMatch(cgroups::contains);
    } catch (IOException e) {
      return false;
    }
  }
}
