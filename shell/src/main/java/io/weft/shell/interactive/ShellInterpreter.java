package io.weft.shell.interactive;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.CommandCodec;
import io.weft.docker.AgentSession;
import io.weft.shell.cli.PeerTable;
import io.weft.shell.cli.RepliesOutput;
import io.weft.shell.cli.Target;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What one line typed in {@code weft shell} does. A line is a host verb with its arguments, as
 * on the command line, optionally with {@code --host NAME|a,b|all} and {@code --json}; or one of
 * the shell's own words: {@code peers}, {@code help}, {@code exit}. Nothing typed ends the shell
 * but {@code exit}: a failure prints one line and the next prompt follows.
 */
public final class ShellInterpreter {

  /** The agent the shell speaks to: command requests and the peer table. */
  public interface Agent {
    JsonObject command(JsonObject request);

    JsonObject peers();

    /** The agent at the other end of a session. */
    static Agent through(AgentSession session) {
      return new Agent() {
        @Override
        public JsonObject command(JsonObject request) {
          return session.command(request);
        }

        @Override
        public JsonObject peers() {
          return session.peers();
        }
      };
    }
  }

  static final List<String> OWN_WORDS = List.of("peers", "help", "exit", "quit");

  private final Agent agent;
  private final PrintStream out;
  private final PrintStream err;

  public ShellInterpreter(Agent agent, PrintStream out, PrintStream err) {
    this.agent = agent;
    this.out = out;
    this.err = err;
  }

  /** Carries out one line, already split into words; false when the shell should end. */
  public boolean execute(List<String> words) {
    Line line;
    try {
      line = Line.of(words);
    } catch (WeftException e) {
      err.println("weft: " + e.getMessage());
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
        case "peers" -> peers(line.json());
        default -> command(line);
      }
    } catch (WeftException e) {
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

  private void command(Line line) {
    Command command = CommandCodec.fromArgs(line.words());
    List<HostReply> replies = HostReply.allOf(agent.command(new JsonObject()
        .put("target", line.target().toJson())
        .put("command", CommandCodec.toJson(command))));
    RepliesOutput.print(command.verb(), replies, line.target().isMany(), line.json(), out, err);
  }

  private void peers(boolean json) {
    JsonObject view = agent.peers();
    if (json) {
      out.println(view.encode());
      return;
    }
    view.getJsonArray("peers").forEach(p -> out.println(PeerTable.row((JsonObject) p, false)));
  }

  private void help() {
    out.println("""
        Type a command as you would after 'weft', on this host or another:
          VERB [ARGS...] [--host NAME|NAME,NAME|all] [--json]
        Verbs: %s
        Also: peers (the fleet), help, exit. Tab completes verbs and host names; history is kept.
        Examples: ps --host all    attach 10.32.4.7/12 web --host host3    status"""
        .formatted(String.join(", ", CommandCodec.VERBS)));
  }

  /** A typed line: its words without the shell's flags, the target and whether JSON is wanted. */
  record Line(List<String> words, Target target, boolean json) {
    static Line of(List<String> typed) {
      List<String> words = new ArrayList<>();
      String host = null;
      boolean json = false;
      for (int i = 0; i < typed.size(); i++) {
        String word = typed.get(i);
        if (word.equals("--json")) {
          json = true;
        } else if (word.equals("--host")) {
          if (i + 1 == typed.size()) {
            throw new WeftException(ErrorCode.BAD_REQUEST, "--host needs a NAME, NAME,NAME or all");
          }
          host = typed.get(++i);
        } else if (word.startsWith("--host=")) {
          host = word.substring("--host=".length());
        } else {
          words.add(word);
        }
      }
      return new Line(List.copyOf(words), new Target(host), json);
    }
  }
}
