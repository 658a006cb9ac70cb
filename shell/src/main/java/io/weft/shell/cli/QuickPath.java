package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.common.WeftException;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.CommandCodec;
import io.weft.docker.AgentGateway;
import io.weft.docker.ContainerExec;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.thin.EngineAddress;
import io.weft.docker.thin.ThinExec;
import java.io.IOException;
import java.util.ArrayList;
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
    Optional<Words> words = Words.read(args);
    Optional<EngineAddress> engine = EngineAddress.fromEnvironment();
    if (words.isEmpty() || engine.isEmpty()) {
      return OptionalInt.empty();
    }
    Command command;
    try {
      command = CommandCodec.fromArgs(words.get().command());
    } catch (WeftException e) {
      return OptionalInt.empty(); // the full road reports it, with the usage hint
    }
    Target target = new Target(words.get().host());
    String body = new JsonObject().put("target", target.toJson())
        .put("command", CommandCodec.toJson(command)).encode();
    Optional<ContainerExec.Result> result;
    try {
      result = ThinExec.runForAnswer(engine.get(), AgentContainer.NAME,
          AgentGateway.callCommand(body, "/v1/command"));
    } catch (IOException e) {
      System.err.println("weft: " + ErrorReporting.engineFailure(engine.get().toString(), e));
      return OptionalInt.of(ErrorReporting.FAILED);
    }
    if (result.isEmpty()) {
      return OptionalInt.empty(); // no agent here: the one-shot container, on the full road
    }
    try {
      List<HostReply> replies = HostReply.allOf(AgentGateway.answer(result.get()));
      return OptionalInt.of(RepliesOutput.print(command.verb(), replies, target.isMany(),
          words.get().json()));
    } catch (RuntimeException e) { // a coded error, or an answer of the wrong shape: as on the full road
      System.err.println("weft: " + ErrorReporting.describe(e));
      return OptionalInt.of(ErrorReporting.statusOf(e));
    }
  }

  /** {@code [--host NAME] VERB [--json] [--host NAME] ARG...}, a host verb with nothing else. */
  record Words(String host, List<String> command, boolean json) {
    static Optional<Words> read(String... args) {
      String host = null;
      boolean json = false;
      List<String> command = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--host") && i + 1 < args.length && host == null) {
          host = args[++i];
        } else if (arg.startsWith("--host=") && host == null) {
          host = arg.substring("--host=".length());
        } else if (arg.equals("--json") && !command.isEmpty() && !json) {
          json = true;
        } else if (arg.startsWith("-") || arg.isEmpty()) {
          return Optional.empty(); // help, an unknown option, a repeated one: picocli's to judge
        } else {
          command.add(arg);
        }
      }
      boolean hostVerb = !command.isEmpty()
          && HostVerb.VERBS.stream().anyMatch(v -> v[0].equals(command.get(0)));
      return hostVerb && (host == null || !host.isBlank())
          ? Optional.of(new Words(host, List.copyOf(command), json)) : Optional.empty();
    }
  }
}
