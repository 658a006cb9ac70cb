package io.weft.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

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
    ContainerExec.Result result = ContainerExec.run(docker, CONTAINER, "weft-call", body, path);
    String out = result.stdout();
    if (result.exitCode() != 0 || out.isBlank()) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent did not answer: "
          + (result.stderr().isBlank() ? "exit " + result.exitCode() : result.stderr().strip()));
    }
    try {
      return new JsonObject(out);
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent's answer is not JSON: " + out);
    }
  }
}
