package io.weft.shell.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.WireContainer;
import io.weft.docker.engine.DockerClients;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Docker engine of one sandbox host: started inside the host's namespaces, and stopped. */
final class SandboxEngine {

  private static final Duration START_BOUND = Duration.ofSeconds(60);
  /**
   * A rebooted engine with networks of a plugin that is not up yet (weft's, whose agent the
   * engine itself starts) retries the plugin for about 15 s at each of several steps before it
   * answers, as on a real host.
   */
  static final Duration REBOOT_BOUND = Duration.ofSeconds(180);
  private static final Duration STOP_BOUND = Duration.ofSeconds(20);
  /** Listings of a power cut: a shim killed in one may have started a process the next must find. */
  private static final int KILL_SWEEPS = 5;
  /** A container gets 10 s to stop, and the engine stops them side by side. */
  private static final Duration TERMINATE_BOUND = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final SandboxHost host;

  SandboxEngine(SandboxHost host) {
    this.host = host;
  }

  /**
   * Starts dockerd in the host's network namespace and in new UTS and mount namespaces of its
   * own: the hostname makes {@code docker info} report the host's name, the host's run folder
   * mounted over /run puts the engine's socket at /var/run/docker.sock for the containers it
   * starts, as on a real host, and the host's own /etc/docker gives its engine an ID of its own
   * (engines sharing the machine's /etc/docker would share its key, and so its ID). The engine
   * outlives this process.
   */
  void start() {
    try {
      Files.createDirectories(host.runDir());
      Files.createDirectories(host.etcDir());
      Files.createDirectories(host.dataRoot());
      Path settings = host.engineSettings();
      if (!Files.exists(settings)) { // a test's settings stay across the engine's restarts
        Files.writeString(settings, "{}\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + host.dir(), e);
    }
    String inside = String.join(" && ",
        "hostname " + host.name(),
        "mount --bind " + host.runDir() + " /run",
        "mkdir -p /etc/docker",
        "mount --bind " + host.etcDir() + " /etc/docker",
        "exec dockerd --config-file " + host.engineSettings()
            + " --host unix:///run/docker.sock --host " + host.dockerHost() + " --tls=false"
            + " --data-root " + host.dataRoot() + " --exec-root /run/docker"
            + " --pidfile /run/docker.pid --bridge none --iptables=false --ip-masq=false"
            + " --log-level warn");
    ProcessBuilder builder = new ProcessBuilder(List.of(
        "setsid", "nsenter", "--net=" + host.netnsPath(),
        "unshare", "--uts", "--mount", "--propagation", "private", "--", "sh", "-c", inside));
    builder.redirectOutput(host.log().toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the engine of " + host.name(), e);
    }
  }

  /** Waits, within a bound, until the engine answers on its TCP address. */
  void awaitReady() {
    awaitReady(START_BOUND);
  }

  void awaitReady(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!answers()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the engine of " + host.name() + " did not answer within "
            + bound.toSeconds() + " s; see " + host.log());
      }
      pause(100);
    }
  }

  boolean answers() {
    try {
      HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + host.address() + ":"
              + SandboxHost.ENGINE_PORT + "/_ping"))
          .timeout(Duration.ofSeconds(1)).build();
      return HTTP.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  DockerClient client() {
    return DockerClients.forHost(host.dockerHost());
  }

  /**
   * Removes the engine's containers, stops it, and kills whatever of it is left: its helper
   * processes and the processes of any container it started.
   */
  void stop() {
    removeContainers();
    end();
  }

  /**
   * Removes every container of the engine, weft's agent among them, while the engine answers. The
   * agent and its WireGuard go last: a container on weft leaves its network through the agent's
   * plugin, and with the agent gone first the engine waits out each such call.
   */
  void removeContainers() {
    if (answers()) {
      try (DockerClient docker = client()) {
        List<Container> all = new ArrayList<>(docker.listContainersCmd().withShowAll(true).exec());
        all.sort(Comparator.comparing(SandboxEngine::isWeft));
        for (Container c : all) {
          docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
      } catch (IOException | RuntimeException e) {
        // the sweep of end() ends what the engine could not
      }
    }
  }

  private static boolean isWeft(Container c) {
    List<String> names = c.getNames() == null ? List.of() : List.of(c.getNames());
    return names.contains("/" + AgentContainer.NAME) || names.contains("/" + WireContainer.NAME);
  }

  /** Stops the engine, and kills whatever of it is left: its helpers and its containers' processes. */
  void end() {
    Long pid = enginePid();
    if (pid != null) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      awaitGone(List.of(pid));
    }
    List<Long> left = SandboxProcesses.of(host);
    left.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    awaitGone(left);
  }

  /**
   * Stops the engine as its service manager would (SIGTERM): it stops its containers in order,
   * its managed plugins after them, and exits; its containers, networks and plugins stay for its
   * next start.
   */
  void terminate() {
    Long pid = enginePid();
    if (pid == null) {
      return;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TERMINATE_BOUND.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the engine of " + host.name() + " did not stop within "
            + TERMINATE_BOUND.toSeconds() + " s; see " + host.log());
      }
      pause(50);
    }
  }

  /**
   * A power cut: the engine and every process of the host die at once (SIGKILL), with no
   * container stopped in order and no agent leaving the fleet.
   */
  void kill() {
    // the engine first: alive, it would start an agent whose process it saw die (restart policy)
    // again, a process no earlier listing held
    Long pid = enginePid();
    if (pid != null) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      awaitGone(List.of(pid));
    }
    for (int sweep = 0; sweep < KILL_SWEEPS; sweep++) {
      List<Long> left = SandboxProcesses.of(host);
      if (left.isEmpty()) {
        return;
      }
      Thaw.groupsOf(left); // a paused container's processes take no signal while frozen
      left.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
      awaitGone(left);
    }
  }

  private Long enginePid() {
    try {
      return Long.parseLong(Files.readString(host.pidFile()).strip());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static void awaitGone(List<Long> pids) {
    long deadline = System.nanoTime() + STOP_BOUND.toNanos();
    for (long pid : pids) {
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        if (System.nanoTime() > deadline) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        pause(50);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
