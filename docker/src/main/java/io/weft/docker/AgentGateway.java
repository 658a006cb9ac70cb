package io.weft.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.nio.charset.StandardCharsets;

/**
 * Reaches the agent running on a host through that host's Docker API alone: an exec of
 * {@code weft-call} in the agent's container posts to the agent's loopback API.
 */
public final class AgentGateway {

  /** The agent container's name on every host. */
  public static final String CONTAINER = "weft";

  private final DockerClient docker;

  public AgentGateway(DockerClient docker) {
    this.docker = docker;
  }

  /** True when the host runs weft's agent now. */
  public boolean agentRunning() {
    try {
      InspectContainerResponse agent = docker.inspectContainerCmd(CONTAINER).exec();
      return Boolean.TRUE.equals(agent.getState().getRunning());
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw Containers.dockerFailed("looking for the weft agent", e);
    }
  }

  /** Posts a command request ({@code {"target": ..., "command": ...}}) and returns the reply. */
  public JsonObject command(JsonObject request) {
    return call(request.encode(), "/v1/command");
  }

  /** The fleet's peers, as the agent knows them. */
  public JsonObject peers() {
    return call("", "/v1/peers");
  }

  private JsonObject call(String body, String path) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    String exec;
    try {
      exec = docker.execCreateCmd(CONTAINER).withCmd("weft-call", body, path)
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
          (frame.getStreamType() == StreamType.STDERR ? err : out).append(text);
        }
      }).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while waiting for the agent");
    } catch (RuntimeException e) {
      throw Containers.dockerFailed("calling the weft agent", e);
    }
    Long exit = docker.inspectExecCmd(exec).exec().getExitCodeLong();
    if (exit == null || exit != 0 || out.isEmpty()) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent did not answer: "
          + (err.isEmpty() ? "exit " + exit : err.toString().strip()));
    }
    try {
      return new JsonObject(out.toString());
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent's answer is not JSON: " + out);
    }
  }
}
