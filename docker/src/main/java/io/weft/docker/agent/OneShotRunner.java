package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.OneShot;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.DockerFailures;
import io.weft.docker.engine.OutputFrames;
import io.weft.docker.image.AgentImage;
import java.util.List;
import java.util.Map;

/**
 * Carries out one command on a host through its Docker API alone, Weave 0.10's way: a
 * short-lived container of the agent image, on the host's network and pid namespaces with the
 * capabilities the work needs, runs {@code --local COMMAND...} and exits.
 */
public final class OneShotRunner {

  private final DockerClient docker;
  private final String image;

  public OneShotRunner(DockerClient docker) {
    this(docker, AgentImage.LATEST);
  }

  public OneShotRunner(DockerClient docker, String image) {
    this.docker = docker;
    this.image = image;
  }

  /** Runs {@code words} (a verb and its arguments), {@code --json} when asked, to the end. */
  public ProcessResult run(boolean json, List<String> words) {
    String id;
    try {
      id = docker.createContainerCmd(image)
          .withCmd(OneShot.args(json, words))
          .withLabels(Map.of(AgentHostConfig.ROLE_LABEL, "local"))
          .withHostConfig(AgentHostConfig.onHost())
          .exec().getId();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "the engine has no image " + image + " (build it: weft image build)");
    } catch (RuntimeException e) {
      throw DockerFailures.of("creating the weft container", e);
    }
    try {
      docker.startContainerCmd(id).exec();
      int exit = docker.waitContainerCmd(id).start().awaitStatusCode();
      return collectOutput(id, exit);
    } catch (RuntimeException e) {
      throw DockerFailures.of("running the weft container", e);
    } finally {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  private ProcessResult collectOutput(String id, int exit) {
    OutputFrames output = new OutputFrames();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
          .exec(output).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while reading the output");
    }
    return new ProcessResult(exit, output.stdout(), output.stderr());
  }
}
