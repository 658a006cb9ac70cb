package io.weft.shell.fleet;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.WeftCall;
import io.weft.docker.engine.ContainerExec;

/** Posts any JSON, well-formed request or not, to a host's agent API, as a program might. */
record RawApi(DockerClient docker) {

  /** The agent's whole answer to {@code request}. */
  JsonObject command(JsonObject request) {
    return WeftCall.answer(ContainerExec.run(docker, AgentContainer.NAME,
        WeftCall.command(request.encode()).toArray(String[]::new)));
  }
}
