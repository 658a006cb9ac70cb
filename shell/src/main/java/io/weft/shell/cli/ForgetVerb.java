package io.weft.shell.cli;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.agent.AgentPeers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weft forget PEER}: undoes a connect. */
@Command(name = "forget", mixinStandardHelpOptions = true,
    description = "Tell the running agent on the host DOCKER_HOST names to stop looking for PEER, "
        + "a peer added with 'weft connect'. A peer that is a member now stays one until it "
        + "leaves; peers given to 'weft launch' come back when the agent restarts.")
final class ForgetVerb implements Callable<Integer> {

  @Parameters(paramLabel = "PEER")
  String peer;

  @Override
  public Integer call() {
    boolean removed = OnEngine.with(docker -> new AgentPeers(docker).forget(peer));
    if (!removed) {
      throw new WeftException(ErrorCode.NOT_ATTACHED, peer + " is not a connected peer of this host");
    }
    System.out.println("forgot " + peer);
    return 0;
  }
}
