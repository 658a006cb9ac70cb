package io.weft.docker;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.agent.AgentContainer;
import java.util.List;

/**
 * Reaches the agent running on a host through that host's Docker API alone: an exec of
 * {@code weft-call} in the agent's container posts to the agent's loopback API.
 */
public final class AgentGateway {

  private final DockerClient docker;

  public AgentGateway(DockerClient docker) {
    this.docker = docker;
  }

  /** True when the host runs weft's agent now. */
  public boolean agentRunning() {
    return AgentContainer.find(docker).map(ContainerInfo::running).orElse(false);
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
    return answer(ContainerExec.run(docker, AgentContainer.NAME,
        callCommand(body, path).toArray(String[]::new)));
  }

  /** The command line of {@code weft-call} that posts {@code body} to {@code path}. */
  public static List<String> callCommand(String body, String path) {
    return List.of("weft-call", body, path);
  }

  /** The agent's answer in what {@code weft-call} printed; a coded error when there is none. */
  public static JsonObject answer(ContainerExec.Result result) {
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
