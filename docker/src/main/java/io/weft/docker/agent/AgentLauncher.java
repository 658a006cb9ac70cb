package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.common.agent.AgentState;
import io.weft.common.agent.FleetPassword;
import io.weft.common.agent.PluginContract;
import io.weft.docker.engine.ContainerExec;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.image.AgentImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts and stops the agent container {@value AgentContainer#NAME} through one engine's API.
 * A launch puts the fleet password into the agent's state volume before the agent first starts
 * ({@link AgentPassword}) and installs Docker's plugin while the agent starts ({@link
 * PluginInstall}), then returns once the agent says it is ready, or fails within {@link
 * #READY_BOUND} with the agent's last words, or at once when the fleet refuses the host; a
 * container this launch created and that did not come up is removed, and so is the state volume
 * if the launch made it.
 */
public final class AgentLauncher {

  public static final Duration READY_BOUND = Duration.ofSeconds(60);
  private static final int STOP_SECONDS = 10;
  /** How often the wait for the agent's ready line looks whether the plugin's install failed. */
  private static final long INSTALL_CHECK_MILLIS = 250;
  /** Set where `weft launch` runs, it replaces the JVM options the image gives the agent. */
  public static final String JAVA_OPTIONS = "WEFT_AGENT_JAVA_OPTS";

  private final DockerClient docker;
  private final String image;

  public AgentLauncher(DockerClient docker) {
    this(docker, AgentImage.LATEST);
  }

  public AgentLauncher(DockerClient docker, String image) {
    this.docker = docker;
    this.image = image;
  }

  /**
   * How a launch ended: the agent's ready line, or that it was running already; {@code
   * newPassword} when the launch made a new fleet's password.
   */
  public record Launched(String readyLine, boolean alreadyRunning, boolean newPassword, Duration took) {}

  /**
   * Launches the agent, telling {@code progress} what happens; see the class comment.
   *
   * @param password the fleet password the operator gave, if any ({@link FleetPassword#choose})
   */
  public Launched launch(AgentArguments request, Optional<FleetPassword> password,
      Consumer<String> progress) {
    long start = System.nanoTime();
    Optional<ContainerInfo> existing = AgentContainer.find(docker);
    AgentPlugin plugin = new AgentPlugin(docker);
    if (existing.isPresent() && existing.get().running()) {
      plugin.ensure(image);
      return new Launched(null, true, false, Duration.ofNanos(System.nanoTime() - start));
    }
    boolean created = existing.isEmpty();
    boolean newVolume = created && !volumeExists();
    // Docker's way onto weft, installed while the agent starts: the agent's network is made
    // through it (Docker waits for its driver), and an engine's start never waits on the agent
    PluginInstall install = PluginInstall.start(plugin, image);
    String id;
    try {
      id = created ? create(request) : existing.get().id();
    } catch (RuntimeException e) {
      removePluginIf(install);
      throw e;
    }
    boolean newPassword;
    LaunchEcho echo;
    try {
      Provided provided = providePassword(id, request, password);
      newPassword = provided.made();
      echo = new LaunchEcho(provided.password().reveal());
    } catch (RuntimeException e) {
      if (created) {
        removeQuietly(id, newVolume, install);
      }
      throw e;
    }
    progress.accept(created ? "created container " + AgentContainer.NAME + " from " + image
        : "starting the stopped container " + AgentContainer.NAME);
    int since = (int) (System.currentTimeMillis() / 1000);
    // Started first: following a container that has not started ends at once.
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      if (created) {
        removeQuietly(id, newVolume, install);
      }
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: starting weft failed: " + e.getMessage(), e);
    }
    try (AgentLog log = new AgentLog(docker, id, since)) {
      String ready = awaitReady(log, id, echo, install, progress);
      AgentPlugin.Installed installed = install.await();
      if (installed.now()) {
        progress.accept("installed Docker's plugin " + AgentPlugin.NAME + " (" + installed.bytes() / 1024
            + " KiB) in " + install.tookMillis() + " ms, while the agent started");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // A lone agent stays up, trying its peers: that is reported, not undone.
      refuseLoneAgent(request, created, ready);
      return new Launched(ready, false, newPassword, took);
    } catch (WeftException e) {
      if (created && e.code() != ErrorCode.PEERS_UNREACHABLE) {
        removeQuietly(id, newVolume, install);
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (created) {
        removeQuietly(id, newVolume, install);
      }
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while waiting for the agent");
    } catch (IOException | RuntimeException e) {
      if (created) {
        removeQuietly(id, newVolume, install);
      }
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: starting weft failed: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the agent, and takes the host out of the fleet's data plane for good: the agent is told
   * to leave (a marker in its state volume), and wireguard-go's container goes once the agent has
   * stopped. True when the agent was running, false when its container was stopped already. An
   * error when the host has no agent container at all.
   */
  public boolean stop() {
    ContainerInfo agent = AgentContainer.find(docker).orElseThrow(() -> new WeftException(
        ErrorCode.AGENT_NOT_RUNNING, "weft is not running on this host (no container "
            + AgentContainer.NAME + ")"));
    if (!agent.running()) {
      WireContainer.remove(docker);
      return false;
    }
    try {
      ContainerExec.run(docker, agent.id(), "touch", AgentState.path(AgentState.LEAVING_FILE));
      docker.stopContainerCmd(agent.id()).withTimeout(STOP_SECONDS).exec();
      WireContainer.remove(docker);
      return true;
    } catch (NotModifiedException e) {
      return false;
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: stopping weft failed: " + e.getMessage(), e);
    }
  }

  /** The agent JVM's options, when the operator gives their own where launch runs. */
  private static List<String> javaOptions() {
    String given = System.getenv(JAVA_OPTIONS);
    return given == null || given.isBlank() ? List.of() : List.of(JAVA_OPTIONS + "=" + given);
  }

  private String create(AgentArguments request) {
    try {
      return docker.createContainerCmd(image)
          .withName(AgentContainer.NAME)
          .withCmd(request.toArgs())
          .withEnv(javaOptions())
          .withLabels(Map.of(AgentHostConfig.ROLE_LABEL, AgentContainer.ROLE,
              "io.weft.version", WeftVersion.get()))
          .withHostConfig(AgentHostConfig.onHost(new Bind(AgentState.VOLUME, new Volume(AgentState.DIR)),
                  // Docker finds the agent's network plugin socket in its plugins folder
                  new Bind(PluginContract.DIR, new Volume(PluginContract.DIR)),
                  // wireguard-go's UAPI socket, which the agent configures
                  WireContainer.socketBind())
              .withRestartPolicy(RestartPolicy.unlessStoppedRestart()))
          .exec().getId();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "the engine has no image " + image + " (build it: weft image build)");
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: creating the weft container failed: " + e.getMessage(), e);
    }
  }

  private String awaitReady(AgentLog log, String id, LaunchEcho echo, PluginInstall install,
      Consumer<String> progress) throws InterruptedException {
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new WeftException(ErrorCode.AGENT_FAILED, "the agent was not ready within "
            + READY_BOUND.toSeconds() + " s; its last words: " + log.lastLines(echo::redact));
      }
      Optional<WeftException> installFailed = install.failure();
      if (installFailed.isPresent()) {
        throw installFailed.get();
      }
      String line = log.next(Math.min(left, INSTALL_CHECK_MILLIS));
      if (line != null) {
        if (AgentReadyLine.isReady(line)) {
          return line;
        }
        if (AgentReadyLine.isRefused(line)) {
          throw new WeftException(ErrorCode.FLEET_REFUSED, echo.redact(AgentReadyLine.refusal(line)));
        }
        echo.progress(line).ifPresent(progress);
      } else if (log.ended()) {
        throw new WeftException(ErrorCode.AGENT_FAILED, "the agent stopped (exit status "
            + exitCode(id) + "): " + log.lastLines(echo::redact));
      }
    }
  }

  private static void refuseLoneAgent(AgentArguments request, boolean created, String ready) {
    if (created && !request.peers().isEmpty() && AgentReadyLine.clusterSize(ready).orElse(0) == 1) {
      throw new WeftException(ErrorCode.PEERS_UNREACHABLE, "the agent is up but reached none of its peers ("
          + String.join(" ", request.peers()) + "); it keeps trying them every 5 s (weft stop gives up)");
    }
  }

  private String exitCode(String id) {
    try {
      Long code = docker.inspectContainerCmd(id).exec().getState().getExitCodeLong();
      return String.valueOf(code);
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /** The password the agent has, and whether it is a new fleet's, made by this launch. */
  private record Provided(FleetPassword password, boolean made) {}

  /** Gives the agent's volume the fleet password, unless it holds it already. */
  private Provided providePassword(String id, AgentArguments request, Optional<FleetPassword> given) {
    AgentPassword store = new AgentPassword(docker);
    Optional<FleetPassword> kept = store.read(id);
    FleetPassword chosen = FleetPassword.choose(kept, given, !request.peers().isEmpty());
    if (kept.isEmpty()) {
      store.write(id, chosen);
    }
    return new Provided(chosen, kept.isEmpty() && given.isEmpty());
  }

  private void removePluginIf(PluginInstall install) {
    if (install.installedOne()) {
      try {
        new AgentPlugin(docker).remove();
      } catch (RuntimeException e) {
        // the launch's own failure is the one to report
      }
    }
  }

  private boolean volumeExists() {
    try {
      docker.inspectVolumeCmd(AgentState.VOLUME).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Removes the container and, when this launch made them, the state volume and the plugin:
   * nothing is left.
   */
  private void removeQuietly(String id, boolean volumeToo, PluginInstall install) {
    removePluginIf(install);
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      // gone already
    }
    if (volumeToo) {
      try {
        docker.removeVolumeCmd(AgentState.VOLUME).exec();
      } catch (RuntimeException e) {
        // in use by another container, or gone: either way not ours to force
      }
    }
  }
}
