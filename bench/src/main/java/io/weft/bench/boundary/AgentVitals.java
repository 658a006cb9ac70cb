package io.weft.bench.boundary;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.weft.bench.fleet.AgentMemory;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.SandboxHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an agent fares, as an operator would look through the Docker API: whether its container
 * restarted, its heap (from its own metrics) and resident memory, and how long {@code weft ps}
 * takes against it.
 */
public final class AgentVitals {

  private static final Pattern HEAP = Pattern.compile(
      "jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+-]+)");

  /** The agent's counter of TLS connections turned away at the handshake gate or for a slow handshake. */
  public static final String TURNED_AWAY = "weft_tls_handshakes_refused_total";

  private AgentVitals() {}

  /** The agent container's restarts and start time, which a restart changes. */
  public record Life(long restarts, String startedAt) {}

  public static Life life(SandboxHost host) {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      InspectContainerResponse agent = docker.inspectContainerCmd(AgentContainer.NAME).exec();
      return new Life(agent.getRestartCount() == null ? 0 : agent.getRestartCount(),
          agent.getState().getStartedAt());
    } catch (Exception e) {
      throw new IllegalStateException("cannot inspect the agent of " + host.name(), e);
    }
  }

  /** The heap in use, MB, as the agent's metrics say (through the Docker API). */
  public static double heapMb(SandboxHost host) {
    String metrics = Floods.docker(host, "exec", AgentContainer.NAME, "weft-call", "--metrics").stdout();
    double bytes = 0;
    Matcher m = HEAP.matcher(metrics);
    while (m.find()) {
      bytes += Double.parseDouble(m.group(1));
    }
    return bytes / (1024 * 1024);
  }

  /** A counter of the agent's metrics (its Prometheus name), through the Docker API; 0 when absent. */
  public static double counter(SandboxHost host, String name) {
    String metrics = Floods.docker(host, "exec", AgentContainer.NAME, "weft-call", "--metrics").stdout();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(metrics);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  /** The address weft's DNS answers at on {@code host}, as {@code weft dns-args} says. */
  public static String dnsAddress(SandboxHost host) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    PrintStream out = System.out;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
      WeftCli.run("dns-args");
    } finally {
      System.setOut(out);
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
    Matcher m = Pattern.compile("--dns[ =](\\S+)").matcher(said.toString(StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new IllegalStateException("no DNS address on " + host.name() + ": " + said);
    }
    return m.group(1);
  }

  /** The agent process's resident memory, MB. */
  public static double rssMb(SandboxHost host) throws Exception {
    return AgentMemory.residentKb(host) / 1024.0;
  }

  /**
   * {@code weft ps} (with {@code --host target} when given) through {@code host}'s Docker API, as
   * the command line runs it; its time in milliseconds, or -1 when it failed.
   */
  public static double psMillis(SandboxHost host, String target) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      long start = System.nanoTime();
      int status = target == null ? WeftCli.run("ps") : WeftCli.run("ps", "--host", target);
      double millis = (System.nanoTime() - start) / 1e6;
      return status == 0 ? millis : -1;
    } finally {
      System.setOut(out);
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
