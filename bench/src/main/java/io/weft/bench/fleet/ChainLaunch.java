package io.weft.bench.fleet;

import io.weft.docker.engine.DockerClients;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.SandboxHost;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code weft launch} on each sandbox host, each knowing only the one before it, through the
 * hosts' Docker APIs as an operator would: the first makes the fleet and its password, and the
 * others join with that password ({@code --password-file}).
 */
public final class ChainLaunch {

  private ChainLaunch() {}

  /** Launches the fleet; returns how long each launch took, in milliseconds. */
  public static List<Double> launch(List<SandboxHost> hosts) {
    return launch(hosts, false);
  }

  /**
   * Launches the fleet, its traffic between hosts not encrypted when {@code plain} (the founder's
   * {@code --no-encrypt}, which the others take); returns how long each launch took, in ms.
   */
  public static List<Double> launch(List<SandboxHost> hosts, boolean plain) {
    List<Double> took = new ArrayList<>();
    String password = null;
    try {
      for (int i = 0; i < hosts.size(); i++) {
        System.setProperty(DockerClients.HOST_PROPERTY, hosts.get(i).dockerHost());
        long start = System.nanoTime();
        int status = i == 0 ? (plain ? WeftCli.run("launch", "--no-encrypt") : WeftCli.run("launch"))
            : WeftCli.run("launch", "--password-file", password, hosts.get(i - 1).address());
        if (status != 0) {
          throw new IllegalStateException("launch failed on " + hosts.get(i).name());
        }
        took.add((System.nanoTime() - start) / 1e6);
        if (i == 0) {
          password = PasswordFiles.ofAgentOn(hosts.get(0).dockerHost()).toString();
        }
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
    return took;
  }
}
