package io.weft.shell.cli;

import io.weft.docker.agent.AgentLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code weft stop}: stops the agent container. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop the weft agent on the host DOCKER_HOST names, and its WireGuard "
        + "(container 'weft-wg'). It leaves the fleet, and the other hosts drop their tunnels "
        + "to it; its containers keep their interfaces. (Stopping or restarting the agent's "
        + "container by other means leaves the traffic flowing.)")
final class StopVerb implements Callable<Integer> {

  @Override
  public Integer call() {
    boolean wasRunning = OnEngine.with(docker -> new AgentLauncher(docker).stop());
    System.out.println(wasRunning ? "weft stopped" : "weft was stopped already");
    return 0;
  }
}
