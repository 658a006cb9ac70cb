package io.weft.shell.cli;

import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.DockerClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user's own {@code docker} command line, pointed at the engine weft speaks to (the same
 * {@code DOCKER_HOST} and TLS variables, which it inherits): {@code weft run} hands it docker
 * run's options, so each means what it means to Docker.
 */
final class DockerCommandLine {

  /** Set to {@code api} to never use the docker command line (the tests try both ways). */
  static final String PROPERTY = "weft.run.docker";

  private DockerCommandLine() {}

  /** The docker command line, when this machine has one and it is not turned away. */
  static Optional<DockerCommandLine> find() {
    if ("api".equals(System.getProperty(PROPERTY)) || !HostProcess.onPath("docker")) {
      return Optional.empty();
    }
    return Optional.of(new DockerCommandLine());
  }

  /** Runs {@code docker ARGS} to the end, its output kept. */
  ProcessResult run(List<String> args) {
    HostProcess process = HostProcess.of(command(args)).timeoutSeconds(600);
    engine().ifPresent(host -> process.withEnvironment("DOCKER_HOST", host));
    return process.runAllowingFailure();
  }

  /** Runs {@code docker ARGS} on this terminal (a shell in the container, say); its exit status. */
  int runOnTerminal(List<String> args) {
    ProcessBuilder builder = new ProcessBuilder(command(args)).inheritIO();
    engine().ifPresent(host -> builder.environment().put("DOCKER_HOST", host));
    try {
      return builder.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run docker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(args);
    return command;
  }

  /** The engine named in this JVM rather than in DOCKER_HOST (a test speaking to several). */
  private static Optional<String> engine() {
    return Optional.ofNullable(System.getProperty(DockerClients.HOST_PROPERTY));
  }
}
