package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a sandbox host's agent costs the machine, as the kernel counts it: resident memory and
 * CPU time from {@code /proc}, read without asking the agent anything.
 *
 * @param host the host the agent runs on
 * @param pid the agent's java process, in the machine's pid namespace
 */
public record AgentUsage(SandboxHost host, long pid) {

  /** The kernel's clock ticks per second ({@code getconf CLK_TCK}): 100 on Linux's x86 builds. */
  public static final int TICKS_PER_SECOND = 100;

  /** One reading of an agent's counters. */
  public record Sample(long nanos, long rssKb, long cpuTicks, int threads) {

    /** The share of one core used between {@code earlier} and this sample, in percent. */
    public double cpuPercentSince(Sample earlier) {
      double seconds = (nanos - earlier.nanos) / 1e9;
      return 100.0 * (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
    }
  }

  /** The agent on {@code host}, found through its engine. */
  public static AgentUsage of(SandboxHost host) {
    return of(host, AgentContainer.NAME);
  }

  /** The main process of the container {@code name} on {@code host} (weft-wg's wireguard-go, say). */
  public static AgentUsage of(SandboxHost host, String name) {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return new AgentUsage(host,
          docker.inspectContainerCmd(name).exec().getState().getPidLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the counters now. */
  public Sample sample() {
    try {
      long rss = 0;
      int threads = 0;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
        }
      }
      return new Sample(System.nanoTime(), rss, cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))),
          threads);
    } catch (IOException e) {
      throw new UncheckedIOException("the agent of " + host.name() + " (pid " + pid + ") is gone", e);
    }
  }

  /** utime + stime of a {@code /proc/PID/stat} line (fields 14 and 15, after the command's name). */
  static long cpuTicks(String stat) {
    List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
    return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
  }
}
