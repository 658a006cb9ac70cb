package io.weft.shell.cli;

import io.weft.common.WeftVersion;
import io.weft.common.bus.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The top of the command tree: {@code weft --help} lists what is below. */
@Command(
    name = "weft",
    mixinStandardHelpOptions = true,
    versionProvider = WeftCommand.Version.class,
    description = "An overlay network for Docker hosts, driven through the Docker Remote API.%n"
        + "Commands act on the engine DOCKER_HOST names (DOCKER_TLS_VERIFY and DOCKER_CERT_PATH "
        + "are honoured as by docker).",
    commandListHeading = "%nCommands:%n")
public final class WeftCommand implements Runnable {

  /** The whole command tree, verbs first, as help lists it. */
  public static CommandLine commandLine() {
    CommandLine weft = new CommandLine(new WeftCommand());
    HostVerb.addAll(weft);
    weft.addSubcommand(new LaunchVerb());
    weft.addSubcommand(new StopVerb());
    weft.addSubcommand(new PeersVerb());
    weft.addSubcommand(new PasswordVerb());
    weft.addSubcommand(new UpgradeKeysVerb());
    weft.addSubcommand(new CredentialsVerb());
    weft.addSubcommand(new EventsVerb());
    weft.addSubcommand(new ConnectVerb());
    weft.addSubcommand(new ForgetVerb());
    weft.addSubcommand(new RunVerb());
    weft.addSubcommand(new StartVerb());
    weft.addSubcommand(new ShellCommand());
    weft.addSubcommand(new DemoCommand());
    weft.addSubcommand(new SandboxCommand());
    weft.addSubcommand(new ImageCommand());
    weft.addSubcommand(new VersionCommand());
    // run and start pass docker's own flags through: after the first word, nothing is weft's
    for (String name : new String[] {"run", "start"}) {
      weft.getSubcommands().get(name).setStopAtPositional(true)
          .setUnmatchedOptionsArePositionalParams(true);
    }
    return weft;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Option(names = "--host", paramLabel = "NAME",
      scope = CommandLine.ScopeType.INHERIT,
      description = "carry the command out on this member of the fleet (a name as weft peers "
          + "shows it), on several (NAME,NAME) or on all; needs weft launched on DOCKER_HOST")
  String host;

  Target target() {
    return Target.parse(host);
  }

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
