package io.weft.shell.cli;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.AgentPassword;
import io.weft.docker.engine.ContainerInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code weft password}: the fleet password, for the operator who adds a host. */
@Command(name = "password", mixinStandardHelpOptions = true,
    description = {"Print the fleet password the agent on the host DOCKER_HOST names keeps in its "
        + "state volume. Other hosts join the fleet with it: WEFT_PASSWORD=... weft launch PEER, "
        + "or weft launch --password-file FILE PEER.",
        "Whoever reaches a host's Docker API can read it, as they can do anything else on that "
            + "host: guard the Docker API as you guard root."})
final class PasswordVerb implements Callable<Integer> {

  @Override
  public Integer call() {
    FleetPassword password = OnEngine.with(docker -> {
      ContainerInfo agent = AgentContainer.find(docker).orElseThrow(() -> new WeftException(
          ErrorCode.AGENT_NOT_RUNNING, "weft is not launched on this host (no container "
              + AgentContainer.NAME + ")"));
      return new AgentPassword(docker).read(agent.id()).orElseThrow(() -> new WeftException(
          ErrorCode.AGENT_FAILED, "the agent on this host keeps no fleet password (launch it "
              + "again with this weft)"));
    });
    System.out.println(password.reveal());
    return 0;
  }
}
