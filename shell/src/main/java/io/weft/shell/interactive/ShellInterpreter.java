package io.weft.shell.interactive;

import io.vertx.core.json.JsonObject;
import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
import io.weft.common.text.ListStyle;
import io.weft.common.words.RepliesOutput;
import io.weft.common.words.VerbLine;
import io.weft.docker.agent.AgentChannel;
import io.weft.shell.text.EventLines;
import io.weft.shell.text.Nearest;
import io.weft.shell.text.PeerTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one line typed in {@code weft shell} does. A line is a host verb with its arguments, as
 * on the command line, optionally with {@code --host NAME|a,b|all} and {@code --json}; or one of
 * the shell's own words: {@code peers}, {@code help}, {@code exit}. Nothing typed ends the shell
 * but {@code exit}: a failure prints one line and the next prompt follows.
 */
public final class ShellInterpreter {

  static final List<String> OWN_WORDS = List.of("peers", "events", "help", "exit", "quit");
  /** The options a line may carry, for the option meant when one is mistyped. */
  private static final List<String> SHELL_OPTIONS = List.of("--json", "--host", "--quiet", "--format", "--force");

  /** Opens the fleet's event stream, each line to the consumer, until closed. */
  @FunctionalInterface
  public interface EventSource {
    AutoCloseable follow(Consumer<String> line);
  }

  private final AgentChannel agent;
  private final PrintStream out;
  private final PrintStream err;

  private final EventSource events;
  private final Runnable untilEnter;

  public ShellInterpreter(AgentChannel agent, PrintStream out, PrintStream err) {
    this(agent, out, err, null, () -> {});
  }

  /**
   * @param events the fleet's event stream for {@code events} (null: the shell has none)
   * @param untilEnter returns when the user presses Enter: {@code events} ends then
   */
  public ShellInterpreter(AgentChannel agent, PrintStream out, PrintStream err, EventSource events,
      Runnable untilEnter) {
    this.agent = agent;
    this.out = out;
    this.err = err;
    this.events = events;
    this.untilEnter = untilEnter;
  }

  /** Carries out one line, already split into words; false when the shell should end. */
  public boolean execute(List<String> words) {
    VerbLine line = VerbLine.read(words);
    if (line.problem() != null) {
      err.println("weft: " + line.problem());
      return true;
    }
    if (line.words().isEmpty()) {
      return true;
    }
    String first = line.words().get(0);
    try {
      switch (first) {
        case "exit", "quit" -> {
          return false;
        }
        case "help" -> help();
        case "peers" -> peers(line.style().checkedFor(PeerTable.COLUMNS));
        case "events" -> events(line);
        default -> command(line);
      }
    } catch (WeftException | IllegalArgumentException e) {
      err.println("weft: " + e.getMessage());
    }
    return true;
  }

  /** The names the fleet knows now, for completion; none when the agent cannot say. */
  public List<String> hostNames() {
    List<String> names = new ArrayList<>();
    try {
      agent.peers().getJsonArray("peers").forEach(p -> names.add(((JsonObject) p).getString("name")));
    } catch (RuntimeException e) {
      // completion is a help, not a duty
    }
    return names;
  }

  private void command(VerbLine line) {
    String verb = line.words().get(0);
    if (Verbs.named(verb).isEmpty()) {
      List<String> known = new ArrayList<>(Verbs.names());
      known.addAll(OWN_WORDS);
      String hint = Nearest.hint(verb, known);
      throw new IllegalArgumentException("unknown command '" + verb + "'"
          + (hint.isEmpty() ? " (one of: " + String.join(", ", known) + ")" : hint));
    }
    for (String word : line.words().subList(1, line.words().size())) {
      if (word.startsWith("--") && !word.equals("--force")) {
        throw new IllegalArgumentException("unknown option '" + word + "'" + Nearest.hint(word, SHELL_OPTIONS));
      }
    }
    Command<?> command = Verbs.fromWords(line.words());
    ListStyle style = line.style()
        .checkedFor(RepliesOutput.columnsOf(command.verb().name(), line.target().isMany()));
    List<HostReply> replies = agent.command(new CommandRequest(line.target(), command));
    RepliesOutput.print(command.verb().name(), replies, line.target().isMany(), style, out, err);
  }

  private void peers(ListStyle style) {
    JsonObject view = agent.peers();
    if (style.json()) {
      out.println(view.encode());
      return;
    }
    out.println(style.render(PeerTable.of(view, true)));
  }

  /** The fleet's events, live, until Enter. */
  private void events(VerbLine line) {
    if (events == null) {
      err.println("weft: this shell has no event stream");
      return;
    }
    EventLines lines = new EventLines(line.target(), line.json(), out);
    out.println("(events as they come; Enter ends)");
    try (AutoCloseable stream = events.follow(lines::print)) {
      untilEnter.run();
    } catch (Exception e) {
      err.println("weft: the event stream ended: " + e.getMessage());
    }
  }

  private void help() {
    out.println("""
        Type a command as you would after 'weft', on this host or another:
          VERB [ARGS...] [--host NAME|NAME,NAME|all] [--json | -q | --format TEMPLATE]
        Verbs: %s
        Also: peers (the fleet), events (live, until Enter; --host, --json), help, exit. Tab completes verbs and host names; history is kept.
        Examples: ps --host all    attach 10.32.4.7/12 web --host host3    status"""
        .formatted(String.join(", ", Verbs.names())));
  }
}
