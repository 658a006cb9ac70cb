package io.weft.shell.cli;

import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.docker.agent.AgentLauncher;
import io.weft.docker.agent.AgentPeers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weft connect PEER}: one more peer for the running agent. */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = "Tell the running agent on the host DOCKER_HOST names to join PEER (another "
        + "host's address or name) too; the agent remembers it across restarts. A host that is "
        + "a fleet of its own restarts its agent, which then joins PEER's fleet at once; a "
        + "larger fleet looks for PEER within about 5 s and keeps looking while it is away. "
        + "'weft peers' shows it once it has joined.")
final class ConnectVerb implements Callable<Integer> {

  @Parameters(paramLabel = "PEER")
  String peer;

  @Override
  public Integer call() {
    boolean added = OnEngine.with(docker -> new AgentPeers(docker).connect(peer));
    System.out.println(added ? "connecting to " + peer : peer + " is connected already");
    int fleet = OnEngine.with(docker -> new AgentPeers(docker).view().getJsonArray("peers").size());
    if (fleet <= 1) {
      // Two fleets of one merge only if Hazelcast picks this side to merge; otherwise it waits
      // for the peer to find this host, which the peer does not know. Joining at start is sure.
      System.out.println("this host is a fleet of its own: restarting its agent to join " + peer);
      AgentLauncher.Launched rejoined = OnEngine.with(docker -> {
        AgentLauncher launcher = new AgentLauncher(docker);
        launcher.stop();
        return launcher.launch(AgentArguments.forLaunch(List.of(), null, null), Optional.empty(),
            line -> System.out.println("  " + line));
      });
      System.out.println(AgentReadyLine.asUp(rejoined.readyLine()));
    }
    return 0;
  }
}
