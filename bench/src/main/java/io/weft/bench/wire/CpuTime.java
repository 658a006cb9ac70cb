package io.weft.bench.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of this machine's processes of one name (wireguard-go), from /proc/PID/stat, so a
 * run's share is the difference of two readings. Processes that start or end between the two
 * are counted from or to zero.
 */
final class CpuTime {

  private static final double TICKS = 100.0; // USER_HZ on Linux

  private CpuTime() {}

  /** Seconds of CPU (user and system) used so far by each process named {@code name}, by pid. */
  static Map<String, Double> of(String name) {
    Map<String, Double> out = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (!stat.substring(open + 1, close).equals(name)) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          out.put(p.getFileName().toString(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS);
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return out;
  }

  /** The CPU seconds used between the two readings. */
  static double between(Map<String, Double> before, Map<String, Double> after) {
    double used = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      used += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
    }
    return used;
  }
}
