package io.weft.shell.interactive;

import io.weft.common.command.Verbs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Reads lines for the {@link ShellInterpreter}: with line editing, history and completion on a
 * terminal (JLine), or plainly from standard input when it is a pipe or a file, so a shell
 * session can be scripted. Both cut a line into words by one parser (JLine's): quotes and
 * backslashes as in a Unix shell, so a quoted word stays one word, spaces and all.
 */
public final class ShellConsole {

  private static final String PROMPT = "weft> ";

  private ShellConsole() {}

  /** Runs until {@code exit} or the end of input. */
  public static void run(ShellInterpreter shell, Path history) {
    if (System.console() == null) {
      readPlainly(shell, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
          System.err);
      return;
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("weft")
          .completer(completer(shell))
          .parser(parser())
          .variable(LineReader.HISTORY_FILE, history)
          .build();
      while (true) {
        String line;
        try {
          line = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the line being typed, as in a Unix shell
        } catch (EndOfFileException e) {
          return; // Ctrl-D
        }
        if (!shell.execute(reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList())) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs each line of {@code in} until {@code exit} or its end; a line that does not parse is said on {@code err}. */
  static void readPlainly(ShellInterpreter shell, BufferedReader in, PrintStream err) {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        List<String> words;
        try {
          words = words(line);
        } catch (IllegalArgumentException e) {
          err.println("weft: " + e.getMessage());
          continue;
        }
        if (!shell.execute(words)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The words of {@code line}, as a Unix shell cuts them; a quote left open is refused. */
  static List<String> words(String line) {
    try {
      return parser().parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream()
          .filter(w -> !w.isEmpty()).toList();
    } catch (EOFError e) {
      throw new IllegalArgumentException("the line ends inside a quote: " + line.strip());
    } catch (SyntaxError e) {
      throw new IllegalArgumentException("cannot read the line: " + e.getMessage());
    }
  }

  private static DefaultParser parser() {
    DefaultParser parser = new DefaultParser();
    parser.setEofOnUnclosedQuote(true);
    return parser;
  }

  /** Verbs and the shell's words first; after them, flags, and host names after --host. */
  private static AggregateCompleter completer(ShellInterpreter shell) {
    List<String> first = new ArrayList<>(Verbs.names());
    first.addAll(ShellInterpreter.OWN_WORDS);
    List<String> hosts = new ArrayList<>(shell.hostNames());
    hosts.add("all");
    List<String> next = new ArrayList<>(List.of("--host", "--json"));
    next.addAll(hosts);
    ArgumentCompleter line = new ArgumentCompleter(new StringsCompleter(first), new StringsCompleter(next));
    line.setStrict(false); // container names and addresses between them are the user's own
    return new AggregateCompleter(line);
  }
}
