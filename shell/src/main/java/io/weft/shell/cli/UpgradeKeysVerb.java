package io.weft.shell.cli;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentState;
import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.AgentExec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code weft upgrade-keys}: moves a fleet founded before per-fleet salts to a salt of its own. */
@Command(name = "upgrade-keys", mixinStandardHelpOptions = true,
    description = {"Move a fleet founded before fleets had salts of their own (its agents log a "
        + "warning saying so) to one: the agent on the host DOCKER_HOST names makes the fleet's "
        + "salt and restarts with keys derived from it (Argon2id, about a second), and every other "
        + "host of the fleet follows it within seconds, each restarting once; a host away now "
        + "follows when it comes back.",
        "The fleet's CA changes with its keys: bridge credentials must be made again (weft "
            + "credentials). See docs/security.md."})
final class UpgradeKeysVerb implements Callable<Integer> {

  /** The class in the agent's jar that writes the salt into the state volume. */
  private static final List<String> UPGRADE = List.of("java", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", "/opt/weft/weft-agent.jar",
      "io.weft.agent.tls.KeyUpgrade", AgentState.DIR);
  private static final int STOP_SECONDS = 10;

  @Override
  public Integer call() {
    String salt = OnEngine.with(docker -> {
      ProcessResult made = new AgentExec(docker).run(UPGRADE);
      if (made.exitCode() != 0) {
        String why = made.stderr().strip();
        throw new WeftException(made.exitCode() == 2 ? ErrorCode.BAD_REQUEST : ErrorCode.AGENT_FAILED,
            why.isEmpty() ? "the agent could not make a salt (status " + made.exitCode() + ")"
                : why.lines().reduce((a, b) -> b).orElse(why));
      }
      docker.restartContainerCmd(AgentContainer.requireRunning(docker).id()).withTimeout(STOP_SECONDS).exec();
      return made.stdout().strip();
    });
    System.out.println("the fleet's salt is now " + salt + ": this host's agent restarts with its "
        + "new keys, and the fleet's other hosts follow within seconds; make bridge credentials "
        + "again (weft credentials)");
    return 0;
  }
}
