package io.weft.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the agents said when a test failed: each host's agent log kept in a file beside the test
 * reports, and its last warnings printed, so that a failure in CI, where the fleet is gone once
 * the run ends, can still be read.
 */
final class FailureLogs {

  private static final Path FOLDER = Path.of("target", "fleet-logs");
  private static final int WARNINGS_PRINTED = 8;

  private FailureLogs() {}

  static void keep(Fleet fleet, String test) {
    for (FleetHost host : fleet.hosts()) {
      try {
        String log = host.agentLog();
        Files.createDirectories(FOLDER);
        Path file = FOLDER.resolve(test + "-" + host.name() + ".log");
        Files.writeString(file, log);
        List<String> warnings = log.lines()
            .filter(line -> line.contains("WARNING") || line.contains("SEVERE") || line.contains("Exception"))
            .toList();
        System.out.println("kit: " + test + " failed: " + host.name() + "'s agent log is in " + file.toAbsolutePath()
            + (warnings.isEmpty() ? "; it has no warnings" : "; its last warnings:"));
        warnings.subList(Math.max(0, warnings.size() - WARNINGS_PRINTED), warnings.size())
            .forEach(line -> System.out.println("kit:   " + host.name() + ": " + line));
      } catch (IOException | RuntimeException e) {
        System.out.println("kit: could not keep " + host.name() + "'s agent log: " + e.getMessage());
      }
    }
  }
}
