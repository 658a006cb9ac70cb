package io.weft.shell.cli;

import io.weft.common.command.CommandCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A verb carried out on the host {@code DOCKER_HOST} names: attach, detach, expose, hide, ps,
 * status, reset. The words are checked here first, so a wrong one costs no trip to the host.
 */
@CommandLine.Command(mixinStandardHelpOptions = true)
final class HostVerb implements Callable<Integer> {

  /** The verbs, with their synopsis and what each does, in the order help lists them. */
  static final List<String[]> VERBS = List.of(
      new String[] {"attach", "[CIDR...] CONTAINER",
          "Give a running container an interface (ethwe) on weft with these addresses, or one "
              + "allocated from 10.32.0.0/12."},
      new String[] {"detach", "[CIDR...] CONTAINER",
          "Take these addresses (all, when none are named) from a container."},
      new String[] {"expose", "[CIDR...]",
          "Put addresses on the host's weft bridge (one allocated when none are named), so the "
              + "host reaches weft."},
      new String[] {"hide", "[CIDR...]", "Take exposed addresses (all, when none are named) off the bridge."},
      new String[] {"ps", "", "List the containers on weft with their MAC and addresses."},
      new String[] {"status", "", "Report weft's state on the host."},
      new String[] {"reset", "", "Remove every weft interface and the bridge from the host."});

  private final String verb;

  @Option(names = "--json", description = "print the reply as JSON")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "ARG")
  List<String> args = new ArrayList<>();

  @CommandLine.ParentCommand WeftCommand weft;

  HostVerb(String verb) {
    this.verb = verb;
  }

  static void addAll(CommandLine weft) {
    for (String[] v : VERBS) {
      CommandLine sub = new CommandLine(new HostVerb(v[0]));
      sub.getCommandSpec().usageMessage()
          .description(v[2])
          .customSynopsis("weft " + v[0] + " [--json] " + v[1]);
      weft.addSubcommand(v[0], sub);
    }
  }

  @Override
  public Integer call() {
    List<String> words = new ArrayList<>();
    words.add(verb);
    words.addAll(args);
    return OnHost.run(CommandCodec.fromArgs(words), weft.target(), json);
  }
}
