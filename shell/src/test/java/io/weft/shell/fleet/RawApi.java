package io.weft.shell.fleet;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.WeftCall;
import io.weft.docker.engine.ContainerExec;

/** Posts any JSON, well-formed request or not, to a host's agent API, as a program might. */
record RawApi(DockerClient docker) {

  /**
   * The agent's whole answer to {@code request}: its reply, or the API's error body
   * ({@code {"error": {"code", "message"}}}) when it refused the request.
   */
  JsonObject command(JsonObject request) {
    ProcessResult result = ContainerExec.run(docker, AgentContainer.NAME,
        WeftCall.command(request.encode()).toArray(String[]::new));
    if (result.exitCode() == WeftCall.REFUSED) {
      return new JsonObject(result.stderr().strip());
    }
    return WeftCall.answer(result);
  }
}
