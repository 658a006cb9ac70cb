package io.weft.testkit;

import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import java.util.ArrayList;
import java.util.List;

/** The machine's own {@code docker} command line against one sandbox host's engine, as a user runs it. */
public final class DockerCli {

  private final String name;
  private final String dockerHost;

  DockerCli(String name, String dockerHost) {
    this.name = name;
    this.dockerHost = dockerHost;
  }

  /** Runs {@code docker ARGS}; a Docker command that hangs is cut at 120 s. */
  public Timed run(String... args) {
    List<String> argv = new ArrayList<>(List.of("docker", "-H", dockerHost));
    argv.addAll(List.of(args));
    long start = System.nanoTime();
    ProcessResult result = HostProcess.of(argv).timeoutSeconds(120).runAllowingFailure();
    Timed timed = new Timed(result, (System.nanoTime() - start) / 1_000_000);
    System.out.println(name + "$ docker " + String.join(" ", args) + " -> " + result.exitCode()
        + " (" + timed.millis() + " ms)\n" + (result.stdout() + result.stderr()).stripTrailing());
    return timed;
  }

  /** {@code docker ARGS} that must succeed; its output, trimmed. */
  public String ok(String... args) {
    Timed timed = run(args);
    if (timed.result().exitCode() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " on " + name + " failed: "
          + timed.result().stderr());
    }
    return timed.result().stdout().strip();
  }

  /** A container's address on {@code network}, as Docker has it. */
  public String address(String container, String network) {
    return ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container);
  }

  /** A command's result and how long it took. */
  public record Timed(ProcessResult result, long millis) {

    public int exitCode() {
      return result.exitCode();
    }

    public String err() {
      return result.stderr();
    }
  }
}
