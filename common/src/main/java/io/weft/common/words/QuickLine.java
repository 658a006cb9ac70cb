package io.weft.common.words;

import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
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
 */
public record QuickLine(VerbLine line, Command<?> command) {

  /** The words as a quick line; empty when they are the full command line's to judge. */
  public static Optional<QuickLine> read(List<String> words) {
    VerbLine line = VerbLine.read(words);
    if (!takes(line)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new QuickLine(line, Verbs.fromWords(line.words())));
    } catch (WeftException e) {
      return Optional.empty(); // the full road reports it, with the usage hint
    }
  }

  /** A plain host verb with nothing else: anything more is the full command line's to judge. */
  static boolean takes(VerbLine line) {
    return line.plain() && !line.words().isEmpty() && Verbs.named(line.words().get(0)).isPresent();
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
    return RepliesOutput.print(command.verb().name(), replies, line.target().isMany(), line.json(),
        out, err);
  }
}
