package io.weft.shell.fleet;

import io.weft.docker.engine.DockerClients;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.sandbox.Sandbox;

/** Runs the weft command line against one sandbox host's engine, as DOCKER_HOST=that host would. */
final class OnHost {

  private OnHost() {}

  static CapturedRun weft(Sandbox sandbox, String host, String... args) {
    return typed(sandbox, host, "", args);
  }

  /** As {@link #weft}, with {@code input} on standard input. */
  static synchronized CapturedRun typed(Sandbox sandbox, String host, String input, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, sandbox.host(host).dockerHost());
    try {
      CapturedRun run = CapturedRun.withInput(input, args);
      System.out.println(host + "$ weft " + String.join(" ", args) + " -> " + run.exitCode()
          + "\n" + run.out().stripTrailing() + run.err().stripTrailing());
      return run;
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
