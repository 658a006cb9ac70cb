package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.bus.Target;
import io.weft.common.command.DnsArgs;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.ExecChannel;
import java.util.Optional;

/** Where the host's weft DNS answers, for the containers weft run makes; none without an agent. */
final class WeftDns {

  private WeftDns() {}

  static Optional<DnsArgs.Reply> of(DockerClient docker) {
    if (!AgentContainer.isRunning(docker)) {
      return Optional.empty();
    }
    DnsArgs ask = new DnsArgs();
    HostReply reply = new ExecChannel(docker).command(new CommandRequest(Target.SELF, ask)).get(0);
    if (!reply.ok()) {
      System.err.println("weft: the container gets Docker's DNS, not weft's: " + reply.message());
      return Optional.empty();
    }
    return Optional.of(reply.result(ask));
  }
}
