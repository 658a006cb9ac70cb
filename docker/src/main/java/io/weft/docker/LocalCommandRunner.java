package io.weft.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.image.AgentImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries out one command on a host through its Docker API alone, Weave 0.10's way: a
 * short-lived container of the agent image, on the host's network and pid namespaces with the
 * capabilities the work needs, runs {@code --local COMMAND...} and exits.
 */
public final class LocalCommandRunner {

  /** The capabilities, one by one: never --privileged. */
  public static final List<Capability> CAPABILITIES = List.of(
      Capability.NET_ADMIN,   // links, addresses, routes, neighbours through rtnetlink
      Capability.SYS_ADMIN,   // setns() into a container's network namespace
      Capability.SYS_PTRACE); // open another process's /proc/PID/ns/net
  public static final String DOCKER_SOCKET = "/var/run/docker.sock";
  public static final String ROLE_LABEL = "io.weft.role";

  private final DockerClient docker;
  private final String image;

  public LocalCommandRunner(DockerClient docker) {
    this(docker, AgentImage.LATEST);
  }

  public LocalCommandRunner(DockerClient docker, String image) {
    this.docker = docker;
    this.image = image;
  }

  /** What the one-shot container printed and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public Result run(List<String> commandWords) {
    List<String> cmd = new ArrayList<>();
    cmd.add("--local");
    cmd.addAll(commandWords);
    String id;
    try {
      id = docker.createContainerCmd(image)
          .withCmd(cmd)
          .withLabels(Map.of(ROLE_LABEL, "local"))
          .withHostConfig(HostConfig.newHostConfig()
              .withNetworkMode("host")
              .withPidMode("host")
              .withCapAdd(CAPABILITIES.toArray(Capability[]::new))
              .withBinds(new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET))))
          .exec().getId();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "the engine has no image " + image + " (build it: weft image build)");
    } catch (RuntimeException e) {
      throw Containers.dockerFailed("creating the weft container", e);
    }
    try {
      docker.startContainerCmd(id).exec();
      int exit = docker.waitContainerCmd(id).start().awaitStatusCode();
      return collectOutput(id, exit);
    } catch (RuntimeException e) {
      throw Containers.dockerFailed("running the weft container", e);
    } finally {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  private Result collectOutput(String id, int exit) {
    OutputFrames output = new OutputFrames();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
          .exec(output).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while reading the output");
    }
    return new Result(exit, output.stdout(), output.stderr());
  }
}
