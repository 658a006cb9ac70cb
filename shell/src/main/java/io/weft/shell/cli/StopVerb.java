package io.weft.shell.cli;

import io.weft.docker.agent.AgentLauncher;
import io.weft.docker.agent.DockerFootprint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code weft stop}: stops the agent container, and takes away what Docker no longer needs of weft's. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop the weft agent on the host DOCKER_HOST names, and its WireGuard "
        + "(container 'weft-wg'). It leaves the fleet, and the other hosts drop their tunnels to "
        + "it; its containers keep their interfaces. Docker's networks of weft's driver and weft's "
        + "Docker plugin go too, unless containers are on those networks: then they stay, and "
        + "answer Docker at once (weft reset takes them). (Stopping or restarting the agent's "
        + "container by other means leaves the traffic flowing.)")
final class StopVerb implements Callable<Integer> {

  @Override
  public Integer call() {
    return OnEngine.with(docker -> {
      boolean wasRunning = new AgentLauncher(docker).stop();
      System.out.println(wasRunning ? "weft stopped" : "weft was stopped already");
      DockerFootprint.Kept kept = new DockerFootprint(docker).removeUnused();
      if (!kept.nothing()) {
        System.out.println("kept Docker's network" + (kept.networks().size() > 1 ? "s " : " ")
            + String.join(", ", kept.networks()) + " and weft's plugin: containers are on them ("
            + String.join(", ", kept.containers()) + "); the plugin answers Docker for them at once, "
            + "and weft reset takes both away");
      }
      return 0;
    });
  }
}
