package io.weft.docker.agent;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.process.ProcessResult;
import java.util.List;

/**
 * The image's {@code weft-call} script, through which every channel reaches the agent's loopback
 * API: {@code weft-call BODY [PATH]} posts BODY and prints the reply's body on one line;
 * {@code weft-call --lines} does that for every line it reads. It prints nothing on stdout
 * unless it has the reply, so output means success.
 */
public final class WeftCall {

  public static final String SCRIPT = "weft-call";

  private WeftCall() {}

  /** The command line that posts {@code body} to {@code path}. */
  public static List<String> post(String body, String path) {
    return List.of(SCRIPT, body, path);
  }

  /** The command line that posts a command request. */
  public static List<String> command(String body) {
    return post(body, AgentApiContract.COMMAND_PATH);
  }

  /** The command line of a session: one request a line in, one reply a line out. */
  public static List<String> session() {
    return List.of(SCRIPT, "--lines");
  }

  /** The line a session takes for the peer table. */
  public static String peersLine() {
    return "GET " + AgentApiContract.PEERS_PATH;
  }

  /** The agent's answer in what {@code weft-call} printed; a coded error when there is none. */
  public static JsonObject answer(ProcessResult result) {
    String out = result.stdout();
    if (result.exitCode() != 0 || out.isBlank()) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent did not answer: "
          + (result.stderr().isBlank() ? "exit " + result.exitCode() : result.stderr().strip()));
    }
    return parse(out);
  }

  /** One reply line as JSON; a coded error when it is not. */
  public static JsonObject parse(String reply) {
    try {
      return new JsonObject(reply);
    } catch (RuntimeException e) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent's answer is not JSON: " + reply);
    }
  }
}
