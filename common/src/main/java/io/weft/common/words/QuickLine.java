package io.weft.common.words;

import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
import io.weft.common.text.ListStyle;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * A line of words the quick path carries out as it is: a plain host verb with nothing else, read
 * with the command line's own reader ({@link VerbLine}) and its verb's, with where it goes and how
 * its replies print. Every other line (help, a word only the full command line judges, words its
 * verb refuses) is the full command line's, which says the same things with its usage hints. The
 * command line's quick path and the agent's words both read lines here, so they take the same.
 *
 * @param line the words as read
 * @param command the verb's command
 * @param style how its replies print ({@code --json}, {@code -q}, {@code --format})
 */
public record QuickLine(VerbLine line, Command<?> command, ListStyle style) {

  /** The words as a quick line; empty when they are the full command line's to judge. */
  public static Optional<QuickLine> read(List<String> words) {
    VerbLine line = VerbLine.read(words);
    if (!takes(line)) {
      return Optional.empty();
    }
    try {
      Command<?> command = Verbs.fromWords(line.words());
      ListStyle style = line.style()
          .checkedFor(RepliesOutput.columnsOf(command.verb().name(), line.target().isMany()));
      return Optional.of(new QuickLine(line, command, style));
    } catch (WeftException | IllegalArgumentException e) {
      return Optional.empty(); // the full road reports it, with the usage hint
    }
  }

  /**
   * A plain host verb with nothing else, {@code -q} and {@code --format} only for a verb that
   * prints a table: anything more is the full command line's to judge.
   */
  static boolean takes(VerbLine line) {
    return line.plain() && !line.words().isEmpty() && Verbs.named(line.words().get(0)).isPresent()
        && (!line.listStyle() || RepliesOutput.columnsOf(line.words().get(0)) != null);
  }

  /** What is asked of the agent: the command, to the hosts {@code --host} named. */
  public CommandRequest request() {
    return new CommandRequest(line.target(), command);
  }

  /**
   * Prints the hosts' replies as the command line does.
   *
   * @return the command line's exit status
   */
  public int print(List<HostReply> replies, PrintStream out, PrintStream err) {
    return RepliesOutput.print(command.verb().name(), replies, line.target().isMany(), style, out,
        err);
  }
}
