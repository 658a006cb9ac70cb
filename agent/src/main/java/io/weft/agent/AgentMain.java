package io.weft.agent;

import io.weft.common.WeftVersion;

/** The agent container's entry point. */
public final class AgentMain {

  private AgentMain() {}

  public static void main(String[] args) {
    System.out.println("weft agent " + WeftVersion.get());
  }
}
