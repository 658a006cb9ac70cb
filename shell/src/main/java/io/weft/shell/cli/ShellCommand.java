package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.agent.AgentEvents;
import io.weft.docker.agent.SessionChannel;
import io.weft.docker.engine.DockerClients;
import io.weft.shell.interactive.ShellConsole;
import io.weft.shell.interactive.ShellInterpreter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code weft shell}: the fleet's interactive shell, through the agent of DOCKER_HOST's host. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = "An interactive shell on the fleet, through the agent on the host DOCKER_HOST "
        + "names: type host verbs as after 'weft' (attach, ps, status, ...), on any host with "
        + "--host NAME|all, and 'peers'. One session is kept open with the agent, so each command "
        + "costs milliseconds. History and completion on a terminal; lines from a pipe are run in "
        + "turn. 'help' lists what it takes, 'exit' or Ctrl-D leaves.")
final class ShellCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    try (DockerClient docker = DockerClients.fromEnvironment();
        SessionChannel session = SessionChannel.open(docker)) {
      ShellInterpreter shell = new ShellInterpreter(session, System.out, System.err,
          line -> AgentEvents.follow(docker, line), ShellCommand::untilEnter);
      ShellConsole.run(shell, Path.of(System.getProperty("user.home"), ".weft_history"));
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns at the end of the next line typed (or of the input). */
  private static void untilEnter() {
    try {
      for (int c = System.in.read(); c != -1 && c != '\n'; c = System.in.read()) {
        // the line's text is not used: Enter alone ends the stream
      }
    } catch (IOException e) {
      // no input left: the stream ends
    }
  }
}
