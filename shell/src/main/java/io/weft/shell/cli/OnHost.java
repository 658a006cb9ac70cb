package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.CommandCodec;
import io.weft.docker.AgentGateway;
import io.weft.docker.DockerClients;
import io.weft.docker.LocalCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one command through the Docker API of the host DOCKER_HOST names: through its
 * agent when weft is launched there (so any host of the fleet can be targeted), else in a
 * one-shot container of the agent image, Weave 0.10's way.
 */
final class OnHost {

  private OnHost() {}

  static int run(Command command, Target target, boolean json) {
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      return RepliesOutput.print(command.verb(), execute(docker, command, target), target.isMany(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each targeted host's reply. */
  static List<HostReply> execute(DockerClient docker, Command command, Target target) {
    AgentGateway agent = new AgentGateway(docker);
    if (agent.agentRunning()) {
      return throughAgent(agent, command, target);
    }
    if (!target.isSelf()) {
      throw new WeftException(ErrorCode.NO_SUCH_HOST,
          "weft is not launched on this host, so --host cannot reach others (see weft launch)");
    }
    return List.of(oneShot(docker, command));
  }

  private static List<HostReply> throughAgent(AgentGateway agent, Command command, Target target) {
    return HostReply.allOf(agent.command(new JsonObject()
        .put("target", target.toJson())
        .put("command", CommandCodec.toJson(command))));
  }

  /** The command in a one-shot container of the agent image; its JSON reply read back. */
  private static HostReply oneShot(DockerClient docker, Command command) {
    List<String> local = new ArrayList<>();
    local.add("--json");
    local.addAll(CommandCodec.toArgs(command));
    LocalCommandRunner.Result result = new LocalCommandRunner(docker).run(local);
    try {
      return HostReply.fromJson(new JsonObject(result.stdout().strip()));
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.INTERNAL, "the one-shot weft container failed (exit "
          + result.exitCode() + "): " + result.stderr().strip());
    }
  }
}
