package io.weft.bench.faults;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.process.HostProcess;
import io.weft.shell.sandbox.Sandbox;
import java.util.Map;

/** One fault on one host of the sandbox, and its end. */
record Fault(Fault.Kind kind, String host) {

  enum Kind {
    /** The agent's process dies ({@code kill -9}); Docker starts it again. */
    KILL,
    /** The host loses power and boots: every process killed, its engine started afresh. */
    RESTART,
    /** The host is cut off from the others at the underlay; both sides go on working. */
    SPLIT
  }

  void strike(Sandbox sandbox, Map<String, DockerClient> engines) {
    switch (kind) {
      case KILL -> {
        Long pid = engines.get(host).inspectContainerCmd("weft").exec().getState().getPidLong();
        HostProcess.of("kill", "-9", String.valueOf(pid)).run();
      }
      case RESTART -> sandbox.restart(host);
      case SPLIT -> sandbox.cut(engines.keySet(), host);
    }
  }

  void end(Sandbox sandbox, Map<String, DockerClient> engines) {
    if (kind == Kind.SPLIT) {
      sandbox.heal(engines.keySet());
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + " " + host;
  }
}
