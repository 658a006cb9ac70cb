package io.weft.shell;

import io.weft.shell.cli.WeftCommand;
import io.weft.shell.cli.ErrorReporting;
import io.weft.shell.cli.QuickPath;
import java.util.OptionalInt;
import picocli.CommandLine;

/** The {@code weft} command line. */
public final class WeftMain {

  private WeftMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

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
