package io.weft.agent;

import io.weft.agent.local.LocalMode;
import io.weft.common.ExitStatus;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.OneShot;
import java.util.Arrays;
import java.util.List;

/** The agent image's entry point: {@code --local COMMAND...} for one command, else the agent. */
public final class AgentMain {

  private AgentMain() {}

  public static void main(String[] args) {
    List<String> words = Arrays.asList(args);
    if (OneShot.isOneShot(words)) {
      System.exit(LocalMode.run(words.subList(1, words.size()), System.out, System.err));
    }
    if (words.contains("--version")) {
      System.out.println("weft agent " + WeftVersion.get());
      System.exit(ExitStatus.OK);
    }
    Quiet.configure();
    try {
      new FleetAgent(System.out).run(AgentArguments.parse(words));
      System.exit(ExitStatus.OK);
    } catch (WeftException e) {
      System.err.println("weft agent: " + e.getMessage());
      System.exit(ExitStatus.of(e.code()));
    } catch (Exception e) {
      System.err.println("weft agent: cannot start: " + e);
      System.exit(ExitStatus.FAILED);
    }
  }
}
