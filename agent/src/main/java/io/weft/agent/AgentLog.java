package io.weft.agent;

import java.io.PrintStream;

/** The agent's own lines on its standard output, which {@code docker logs weft} shows. */
@FunctionalInterface
interface AgentLog {

  void say(String line);

  static AgentLog to(PrintStream out) {
    return line -> {
      out.println("weft agent: " + line);
      out.flush();
    };
  }
}
