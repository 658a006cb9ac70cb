package io.weft.shell.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Thaws the cgroups of frozen processes (a paused container's), so that a kill takes them: under
 * cgroup v1's freezer a SIGKILL waits until the group thaws, and a sandbox going down with a
 * paused container would wait for ever.
 */
final class Thaw {

  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  private Thaw() {}

  /** Thaws the cgroup of each of {@code pids} that is frozen; a process gone meanwhile is skipped. */
  static void groupsOf(List<Long> pids) {
    for (long pid : pids) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"));
      } catch (IOException gone) {
        continue;
      }
      for (String line : lines) {
        thawControl(line).ifPresent(Thaw::write);
      }
    }
  }

  /** For a line of /proc/PID/cgroup, the file and value that thaw its group, if it can freeze. */
  static Optional<String[]> thawControl(String line) {
    String[] parts = line.split(":", 3);
    if (parts.length < 3 || parts[2].equals("/") || parts[2].contains("..")) {
      return Optional.empty();
    }
    if (parts[1].equals("freezer")) {
      return Optional.of(new String[] {
          CGROUPS.resolve("freezer" + parts[2]).resolve("freezer.state").toString(), "THAWED"});
    }
    if (parts[0].equals("0") && parts[1].isEmpty()) {
      // cgroup v2 (or the unified hierarchy beside v1)
      Path unified = Files.isDirectory(CGROUPS.resolve("unified")) ? CGROUPS.resolve("unified") : CGROUPS;
      return Optional.of(new String[] {
          unified.resolve(parts[2].substring(1)).resolve("cgroup.freeze").toString(), "0"});
    }
    return Optional.empty();
  }

  private static void write(String[] control) {
    Path file = Path.of(control[0]);
    try {
      if (Files.exists(file)) {
        Files.writeString(file, control[1]);
      }
    } catch (IOException notFrozenOrGone) {
      // a group that went, or cannot freeze: nothing to thaw
    }
  }
}
