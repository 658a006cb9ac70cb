package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help with its usage and exit 0, as a usage error tells. */
class HelpEverywhereTest {

  @Test
  void everyCommandAndSubcommandPrintsItsUsage() {
    List<List<String>> paths = new ArrayList<>();
    collect(WeftCommand.commandLine(), new ArrayList<>(), paths);
    assertTrue(paths.size() > 20, "commands found: " + paths);
    List<String> without = new ArrayList<>();
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CapturedRun run = CapturedRun.of(args.toArray(String[]::new));
      if (run.exitCode() != 0 || !run.out().startsWith("Usage: weft")) {
        without.add(String.join(" ", args) + ": " + run.err().strip());
      }
    }
    assertEquals(List.of(), without);
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    command.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandName().equals(name)) {
        return; // an alias of a command already listed
      }
      List<String> next = new ArrayList<>(path);
      next.add(name);
      into.add(next);
      collect(sub, next, into);
    });
  }
}
