package io.weft.bench.fleet;

import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxLock;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;

/** The sandbox host a one-host benchmark runs on: the first one up, or a new one-host sandbox. */
final class BenchSandbox {

  private BenchSandbox() {}

  static SandboxHost firstHost(Path home) {
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> System.out.println("sandbox: " + line));
    if (sandbox.hosts().isEmpty()) {
      sandbox.up(1, AgentImage.fromBuildTree(home));
    }
    return sandbox.hosts().get(0);
  }

  /** {@code weft launch} on the host, through its Docker API. */
  static void launch(SandboxHost host) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      if (WeftCli.run("launch") != 0) {
        throw new IllegalStateException("launch failed on " + host.name());
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
