package io.weft.shell.cli;

import io.weft.common.ExitStatus;
import io.weft.common.bus.HostReply;
import io.weft.common.words.QuickLine;
import io.weft.docker.agent.AgentNotRunningException;
import io.weft.docker.thin.EngineAddress;
import io.weft.docker.thin.ThinChannel;
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
    Optional<QuickLine> line = QuickLine.read(List.of(args));
    Optional<EngineAddress> engine = EngineAddress.fromEnvironment();
    if (line.isEmpty() || engine.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      List<HostReply> replies = new ThinChannel(engine.get()).command(line.get().request());
      return OptionalInt.of(line.get().print(replies, System.out, System.err));
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
}
