package io.weft.shell.cli;

import io.weft.docker.agent.AgentPeers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weft connect PEER}: one more peer for the running agent. */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = "Tell the running agent on the host DOCKER_HOST names to join PEER (another "
        + "host's address or name) too. The fleet looks for it within about 5 s and keeps "
        + "looking while it is away; the agent remembers it across restarts. 'weft peers' shows "
        + "it once it has joined.")
final class ConnectVerb implements Callable<Integer> {

  @Parameters(paramLabel = "PEER")
  String peer;

  @Override
  public Integer call() {
    boolean added = OnEngine.with(docker -> new AgentPeers(docker).connect(peer));
    System.out.println(added ? "connecting to " + peer : peer + " is connected already");
    return 0;
  }
}
