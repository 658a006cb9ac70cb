package io.weft.agent;

import io.weft.agent.local.LocalMode;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import java.util.Arrays;
import java.util.List;

/** The agent image's entry point: {@code --local COMMAND...} for one command, else the agent. */
public final class AgentMain {

  private AgentMain() {}

  public static void main(String[] args) {
    List<String> words = Arrays.asList(args);
    if (!words.isEmpty() && words.get(0).equals("--local")) {
      System.exit(LocalMode.run(words.subList(1, words.size()), System.out, System.err));
    }
    if (words.contains("--version")) {
      System.out.println("weft agent " + WeftVersion.get());
      System.exit(0);
    }
    Quiet.configure();
    try {
      new FleetAgent(System.out).run(AgentOptions.parse(words));
      System.exit(0);
    } catch (WeftException e) {
      System.err.println("weft agent: " + e.getMessage());
      System.exit(e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.BAD_CIDR
          ? LocalMode.USAGE : LocalMode.FAILED);
    } catch (Exception e) {
      System.err.println("weft agent: cannot start: " + e);
      System.exit(LocalMode.FAILED);
    }
  }
}
