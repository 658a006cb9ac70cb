package io.weft.shell.cli;

import io.weft.common.ExitStatus;
import io.weft.common.WeftException;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.thin.EngineRefusedException;
import io.weft.docker.thin.EngineTimeoutException;
import io.weft.shell.text.Nearest;
import java.io.IOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import picocli.CommandLine;

/**
 * Every failure ends in one line on stderr and a non-zero exit: 2 for a command used wrongly,
 * 1 for a command that could not be carried out.
 */
public final class ErrorReporting {

  private ErrorReporting() {}

  public static void install(CommandLine commandLine) {
    commandLine.setParameterExceptionHandler((e, args) -> {
      String name = e.getCommandLine().getCommandSpec().qualifiedName();
      String message = e instanceof CommandLine.UnmatchedArgumentException unmatched
              && !unmatched.getUnmatched().isEmpty()
          ? unknown(unmatched.getUnmatched().get(0), e.getCommandLine())
          : firstLine(e.getMessage());
      e.getCommandLine().getErr().println("weft: " + message + " (see '" + name + " --help')");
      return ExitStatus.USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("weft: " + describe(e));
      if (System.getenv("WEFT_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return statusOf(e);
    });
  }

  /** The exit status a failure ends the command with. */
  static int statusOf(Exception e) {
    if (e instanceof WeftException weft) {
      return ExitStatus.of(weft.code());
    }
    return e instanceof IllegalArgumentException ? ExitStatus.USAGE : ExitStatus.FAILED;
  }

  /** The word picocli did not take, and the option or command meant when one is near. */
  private static String unknown(String argument, CommandLine where) {
    boolean option = argument.startsWith("-");
    String word = option && argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
    return (option ? "unknown option '" : "unknown command or argument '") + argument + "'"
        + Nearest.hint(word, option ? where.getCommandSpec().optionsMap().keySet()
            : where.getSubcommands().keySet());
  }

  static String describe(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof UnknownHostException) {
        return unreachable(DockerClients.environmentHost(), cause);
      }
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return firstLine(message);
  }

  /** What went wrong speaking to the engine at {@code dockerHost}, in one line. */
  static String engineFailure(String dockerHost, IOException e) {
    if (e instanceof EngineRefusedException || e instanceof EngineTimeoutException) {
      return firstLine(String.valueOf(e.getMessage()));
    }
    return unreachable(dockerHost, e);
  }

  private static String unreachable(String dockerHost, Throwable cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return "cannot reach the Docker engine at " + dockerHost + ": " + firstLine(why)
        + " (is DOCKER_HOST right?)";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
