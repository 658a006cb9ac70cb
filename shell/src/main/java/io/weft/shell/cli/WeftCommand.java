package io.weft.shell.cli;

import io.weft.common.WeftVersion;
import picocli.CommandLine.Command;

/** The top of the command tree: {@code weft --help} lists what is below. */
@Command(
    name = "weft",
    mixinStandardHelpOptions = true,
    versionProvider = WeftCommand.Version.class,
    description = "An overlay network for Docker hosts, driven through the Docker Remote API.%n"
        + "Commands act on the engine DOCKER_HOST names (DOCKER_TLS_VERIFY and DOCKER_CERT_PATH "
        + "are honoured as by docker).",
    subcommands = {
      VersionCommand.class,
      DemoCommand.class,
      SandboxCommand.class,
      ImageCommand.class,
    })
public final class WeftCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"weft " + WeftVersion.get()};
    }
  }
}
