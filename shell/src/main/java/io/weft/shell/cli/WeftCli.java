package io.weft.shell.cli;

import java.util.OptionalInt;
import picocli.CommandLine;

/** One run of the {@code weft} command line: the quick path when it takes the words, else picocli. */
public final class WeftCli {

  private WeftCli() {}

  /** Runs the command line on {@code args}; returns its exit status. */
  public static int run(String... args) {
    OptionalInt quick = QuickPath.tryRun(args);
    if (quick.isPresent()) {
      return quick.getAsInt();
    }
    CommandLine commandLine = WeftCommand.commandLine();
    ErrorReporting.install(commandLine);
    return commandLine.execute(args);
  }
}
