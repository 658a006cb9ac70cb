package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.docker.image.AgentImage;
import java.nio.file.Path;
import java.util.List;

/** Integration tests' access to a sandbox of real Docker hosts. */
public final class SandboxHosts {

  private SandboxHosts() {}

  /** A fresh sandbox of {@code count} hosts, with the agent image built from this tree. */
  public static Sandbox up(int count) {
    assertTrue(Privileges.isRoot(), "the integration tests need root");
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = new Sandbox(Sandbox.DEFAULT_STATE_ROOT, line -> System.out.println("sandbox: " + line));
    sandbox.up(count, AgentImage.fromBuildTree(Path.of(System.getProperty("weft.home"))));
    return sandbox;
  }

  public static void down(Sandbox sandbox) {
    if (sandbox != null && !sandbox.hosts().isEmpty()) {
      sandbox.down();
    }
  }

  public static List<SandboxHost> hosts(Sandbox sandbox) {
    return sandbox.hosts();
  }
}
