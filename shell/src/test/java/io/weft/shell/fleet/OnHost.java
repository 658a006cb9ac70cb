package io.weft.shell.fleet;

import io.weft.docker.DockerClients;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.sandbox.Sandbox;

/** Runs the weft command line against one sandbox host's engine, as DOCKER_HOST=that host would. */
final class OnHost {

  private OnHost() {}

  static synchronized CapturedRun weft(Sandbox sandbox, String host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, sandbox.host(host).dockerHost());
    try {
      CapturedRun run = CapturedRun.of(args);
      System.out.println(host + "$ weft " + String.join(" ", args) + " -> " + run.exitCode()
          + "\n" + run.out().stripTrailing() + run.err().stripTrailing());
      return run;
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
