package io.weft.shell.cli;

import io.weft.common.bus.Target;
import io.weft.common.command.Command;
import io.weft.common.command.DnsArgs;
import io.weft.common.command.Reset;
import io.weft.common.command.Verb;
import io.weft.common.command.Verbs;
import io.weft.common.text.ListStyle;
import io.weft.common.text.Table;
import io.weft.common.words.RepliesOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * A verb carried out on the host {@code DOCKER_HOST} names, one subcommand for each of {@link
 * Verbs}, with the help its verb gives. The words are checked here first, so a wrong one costs
 * no trip to the host.
 */
@CommandLine.Command(mixinStandardHelpOptions = true)
final class HostVerb implements Callable<Integer> {

  private final Verb<?> verb;

  @CommandLine.Mixin ListOptions list;

  @Option(names = "--force", description = "attach, expose: let a prefix shorter than /8 through")
  boolean force;

  @Option(names = "--daemon-json", description = "dns-args: the same as the dns and dns-search settings of "
      + "/etc/docker/daemon.json, which give every container the engine starts weft's DNS")
  boolean daemonJson;

  @Parameters(arity = "0..*", paramLabel = "ARG")
  List<String> args = new ArrayList<>();

  @CommandLine.ParentCommand WeftCommand weft;

  HostVerb(Verb<?> verb) {
    this.verb = verb;
  }

  static void addAll(CommandLine weft) {
    for (Verb<?> verb : Verbs.ALL) {
      CommandLine sub = new CommandLine(new HostVerb(verb));
      boolean table = RepliesOutput.columnsOf(verb.name()) != null;
      sub.getCommandSpec().usageMessage()
          .description(verb.description())
          .customSynopsis("weft " + verb.name() + (table ? " [--json | -q | --format TEMPLATE] " : " [--json] ")
              + verb.synopsis());
      if (!table) {
        sub.getCommandSpec().remove(sub.getCommandSpec().findOption("--quiet"));
        sub.getCommandSpec().remove(sub.getCommandSpec().findOption("--format"));
      }
      if (!verb.synopsis().contains("--force")) {
        sub.getCommandSpec().remove(sub.getCommandSpec().findOption("--force"));
      }
      if (verb != DnsArgs.VERB) {
        sub.getCommandSpec().remove(sub.getCommandSpec().findOption("--daemon-json"));
      }
      if (verb.synopsis().contains("-h NAME")) {
        giveHToTheVerb(sub);
      }
      weft.addSubcommand(verb.name(), sub);
    }
  }

  /**
   * Weave's DNS verbs take {@code -h NAME}: there {@code -h} is the verb's, and help is {@code
   * --help} alone.
   */
  private static void giveHToTheVerb(CommandLine sub) {
    CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
    spec.remove(spec.findOption("--help"));
    spec.addOption(CommandLine.Model.OptionSpec.builder("--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    sub.setUnmatchedOptionsArePositionalParams(true);
  }

  @Override
  public Integer call() {
    List<String> words = new ArrayList<>();
    words.add(verb.name());
    if (force) {
      words.add("--force");
    }
    words.addAll(args);
    Target target = weft.target();
    List<Table.Column> columns = RepliesOutput.columnsOf(verb.name(), target.isMany());
    ListStyle style = columns == null ? ListStyle.json(list.json) : list.style(columns);
    Command<?> command = Verbs.fromWords(words);
    if (command instanceof Reset && target.isSelf()) {
      OnEngine.with(docker -> ResetOfDocker.unlessLaunched(docker, !style.json()));
    }
    if (daemonJson) {
      return DaemonJson.print(OnEngine.with(docker -> OnHost.execute(docker, command, target)), target.isMany());
    }
    return OnHost.run(command, target, style);
  }
}
