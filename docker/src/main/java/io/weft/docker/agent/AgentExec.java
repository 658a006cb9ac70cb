package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.ContainerInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small jobs in the running agent's container, through the Docker API's exec: reading and editing
 * the files of its state volume. No JVM starts for them.
 */
public final class AgentExec {

  private static final long BOUND_SECONDS = 10;

  private final DockerClient docker;
  private final ContainerInfo agent;

  public AgentExec(DockerClient docker) {
    this.docker = docker;
    this.agent = AgentContainer.requireRunning(docker);
  }

  /** What a command in the agent's container printed, and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public Result run(List<String> command) {
    try {
      String exec = docker.execCreateCmd(agent.id()).withCmd(command.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      boolean done = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
          (frame.getStreamType() == StreamType.STDERR ? err : out).append(text);
        }
      }).awaitCompletion(BOUND_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        throw new WeftException(ErrorCode.DOCKER_FAILED,
            "Docker engine: " + command.get(0) + " in the weft container took over " + BOUND_SECONDS + " s");
      }
      Long exit = docker.inspectExecCmd(exec).exec().getExitCodeLong();
      return new Result(exit == null ? -1 : exit.intValue(), out.toString(), err.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted");
    } catch (WeftException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: exec in the weft container failed: " + e.getMessage(), e);
    }
  }

  /** The text of a file in the agent's state folder; an error when it cannot be read. */
  public String readStateFile(String name) {
    Result r = run(List.of("cat", AgentContainer.STATE_DIR + "/" + name));
    if (r.exitCode() != 0) {
      throw new WeftException(ErrorCode.AGENT_FAILED, "the agent has no " + name + " yet: "
          + r.stderr().strip());
    }
    return r.stdout();
  }
}
