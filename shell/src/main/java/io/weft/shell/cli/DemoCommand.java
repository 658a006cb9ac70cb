package io.weft.shell.cli;

import io.weft.docker.image.AgentImage;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code weft demo}: weft on three sandbox hosts, shown end to end. */
@Command(name = "demo", description = "Make a sandbox of three Docker hosts on this machine with "
    + "weft on each, and show it (needs root).")
final class DemoCommand implements Runnable {
  @Override
  public void run() {
    Sandbox sandbox = SandboxCommand.sandbox();
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(WeftHome.path()));
    System.out.println();
    SandboxCommand.Status.print(sandbox, hosts);
    System.out.println();
    System.out.println("Point docker at a host with:  eval \"$(./weft sandbox env host1)\"");
    System.out.println("Take it all down with:        ./weft sandbox down");
  }
}
