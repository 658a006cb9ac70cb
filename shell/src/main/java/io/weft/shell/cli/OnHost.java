package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.bus.Target;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
import io.weft.common.process.ProcessResult;
import io.weft.common.text.ListStyle;
import io.weft.common.words.RepliesOutput;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.ExecChannel;
import io.weft.docker.agent.OneShotRunner;
import java.util.List;

/**
 * Carries out one command through the Docker API of the host DOCKER_HOST names: through its
 * agent when weft is launched there (so any host of the fleet can be targeted), else in a
 * one-shot container of the agent image, Weave 0.10's way.
 */
final class OnHost {

  private OnHost() {}

  static int run(Command<?> command, Target target, ListStyle style) {
    List<HostReply> replies = OnEngine.with(docker -> execute(docker, command, target));
    return RepliesOutput.print(command.verb().name(), replies, target.isMany(), style);
  }

  /** Each targeted host's reply. */
  static List<HostReply> execute(DockerClient docker, Command<?> command, Target target) {
    if (AgentContainer.isRunning(docker)) {
      return new ExecChannel(docker).command(new CommandRequest(target, command));
    }
    if (!target.isSelf()) {
      throw new WeftException(ErrorCode.NO_SUCH_HOST,
          "weft is not launched on this host, so --host cannot reach others (see weft launch)");
    }
    return List.of(oneShot(docker, command));
  }

  /** The command in a one-shot container of the agent image; its JSON reply read back. */
  private static HostReply oneShot(DockerClient docker, Command<?> command) {
    ProcessResult result = new OneShotRunner(docker).run(true, Verbs.toWords(command));
    try {
      return HostReply.fromJson(new JsonObject(result.stdout().strip()));
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.INTERNAL, "the one-shot weft container failed (exit "
          + result.exitCode() + "): " + result.stderr().strip());
    }
  }
}
