package io.weft.shell.fleet;

import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.shell.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;

/** The machine's own {@code docker} command line against one sandbox host's engine, as a user runs it. */
final class DockerCli {

  private final Sandbox sandbox;

  DockerCli(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Runs {@code docker ARGS} against {@code host}; a Docker command that hangs is cut at 120 s. */
  Timed run(String host, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker", "-H", sandbox.host(host).dockerHost()));
    argv.addAll(List.of(args));
    long start = System.nanoTime();
    ProcessResult result = HostProcess.of(argv).timeoutSeconds(120).runAllowingFailure();
    Timed timed = new Timed(result, (System.nanoTime() - start) / 1_000_000);
    System.out.println(host + "$ docker " + String.join(" ", args) + " -> " + result.exitCode()
        + " (" + timed.millis() + " ms)\n" + (result.stdout() + result.stderr()).stripTrailing());
    return timed;
  }

  /** {@code docker ARGS} that must succeed; its output, trimmed. */
  String ok(String host, String... args) {
    Timed timed = run(host, args);
    if (timed.result().exitCode() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " on " + host + " failed: "
          + timed.result().stderr());
    }
    return timed.result().stdout().strip();
  }

  /** A container's address on {@code network}, as Docker has it. */
  String address(String host, String container, String network) {
    return ok(host, "inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container);
  }

  /** A command's result and how long it took. */
  record Timed(ProcessResult result, long millis) {

    int exitCode() {
      return result.exitCode();
    }

    String err() {
      return result.stderr();
    }
  }
}
