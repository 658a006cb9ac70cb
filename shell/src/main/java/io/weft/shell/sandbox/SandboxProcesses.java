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
 * its engine made (containers with namespaces of their own).
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

  private static Set<String> containerIds(SandboxHost host) {
    Path containers = host.dataRoot().resolve("containers");
    if (!Files.isDirectory(containers)) {
      return Set.of();
    }
    try (Stream<Path> dirs = Files.list(containers)) {
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
