package io.weft.shell.cli;

import io.weft.common.ExitStatus;
import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
import io.weft.docker.agent.AgentNotRunningException;
import io.weft.docker.thin.EngineAddress;
import io.weft.docker.thin.ThinChannel;
import io.weft.shell.text.ListStyle;
import io.weft.shell.text.RepliesOutput;
import io.weft.shell.text.VerbLine;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The host verbs' short road, taken before the command tree is built: when the words are a
 * plain host verb and weft is launched on the engine, the command goes straight to the agent
 * through three plain HTTP exchanges with the engine. Anything else (help, a word picocli must
 * judge, no agent, TLS) is declined and takes the full road, which says the same things.
 */
public final class QuickPath {

  /** Set to {@code false} to always take the full road (the tests compare the two). */
  public static final String ENABLED_PROPERTY = "weft.cli.quick";

  private QuickPath() {}

  /** The exit status when the short road carried the command out; empty when it declined. */
  public static OptionalInt tryRun(String... args) {
    if ("false".equals(System.getProperty(ENABLED_PROPERTY))) {
      return OptionalInt.empty();
    }
    VerbLine line = VerbLine.read(args);
    Optional<EngineAddress> engine = EngineAddress.fromEnvironment();
    if (!takes(line) || engine.isEmpty()) {
      return OptionalInt.empty();
    }
    Command<?> command;
    ListStyle style;
    try {
      command = Verbs.fromWords(line.words());
      style = line.style().checkedFor(RepliesOutput.columnsOf(command.verb().name(), line.target().isMany()));
    } catch (WeftException | IllegalArgumentException e) {
      return OptionalInt.empty(); // the full road reports it, with the usage hint
    }
    try {
      List<HostReply> replies =
          new ThinChannel(engine.get()).command(new CommandRequest(line.target(), command));
      return OptionalInt.of(RepliesOutput.print(command.verb().name(), replies,
          line.target().isMany(), style));
    } catch (AgentNotRunningException e) {
      return OptionalInt.empty(); // no agent here: the one-shot container, on the full road
    } catch (UncheckedIOException e) {
      System.err.println("weft: " + ErrorReporting.engineFailure(engine.get().toString(), e.getCause()));
      return OptionalInt.of(ExitStatus.FAILED);
    } catch (RuntimeException e) { // a coded error, or an answer of the wrong shape: as on the full road
      System.err.println("weft: " + ErrorReporting.describe(e));
      return OptionalInt.of(ErrorReporting.statusOf(e));
    }
  }

  /**
   * A plain host verb with nothing else, {@code -q} and {@code --format} only for a verb that
   * prints a table: anything more is picocli's to judge.
   */
  static boolean takes(VerbLine line) {
    return line.plain() && !line.words().isEmpty() && Verbs.named(line.words().get(0)).isPresent()
        && (!line.listStyle() || RepliesOutput.columnsOf(line.words().get(0)) != null);
  }
}
