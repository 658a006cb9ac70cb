package io.weft.common.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a program on this machine and returns what it printed. Used for the few jobs that belong
 * to the machine rather than to a Docker engine or the kernel: installing packages, debootstrap,
 * starting sandbox engines.
 */
public final class HostProcess {

  private final List<String> command;
  private File directory;
  private final Map<String, String> environment = new HashMap<>();
  private long timeoutSeconds = 600;
  private static final long STOP_BOUND_SECONDS = 5;

  private HostProcess(List<String> command) {
    this.command = List.copyOf(command);
  }

  public static HostProcess of(String... command) {
    return new HostProcess(List.of(command));
  }

  public static HostProcess of(List<String> command) {
    return new HostProcess(command);
  }

  public HostProcess in(File directory) {
    this.directory = directory;
    return this;
  }

  public HostProcess withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public HostProcess timeoutSeconds(long seconds) {
    this.timeoutSeconds = seconds;
    return this;
  }

  /** Runs to the end; returns standard output, or throws with the program's own last words. */
  public String run() {
    ProcessResult result = runAllowingFailure();
    if (result.exitCode() != 0) {
      throw new HostProcessException(command, result.exitCode(), result.lastErrorLine());
    }
    return result.stdout();
  }

  /**
   * Runs to the end and reports the outcome whatever it is. Its output goes to files, so the
   * timeout counts from the start whatever the program prints, or does not: a program that hangs
   * with its output open (apt-get waiting on a lock) is stopped, with what it started.
   */
  public ProcessResult runAllowingFailure() {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory);
    builder.environment().putAll(environment);
    try {
      File out = File.createTempFile("weft-process", ".out");
      File err = File.createTempFile("weft-process", ".err");
      try {
        builder.redirectOutput(out);
        builder.redirectError(err);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          stop(process);
          throw new HostProcessException(command, -1, "timed out after " + timeoutSeconds + " s");
        }
        return new ProcessResult(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
            Files.readString(err.toPath(), StandardCharsets.UTF_8));
      } finally {
        out.delete();
        err.delete();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostProcessException(command, -1, "interrupted");
    }
  }

  /** Kills the program and all it started, and waits a moment for them to be gone. */
  private static void stop(Process process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // killed, not yet reaped: nothing more this side can do
      }
    }
  }

  /** True when {@code program} is on the PATH. */
  public static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    List<String> dirs = new ArrayList<>(List.of(path.split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin"));
    return dirs.stream().anyMatch(dir -> new File(dir, program).canExecute());
  }
}
