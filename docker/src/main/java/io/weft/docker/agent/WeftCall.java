package io.weft.docker.agent;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.process.ProcessResult;
import java.util.List;

/**
 * The image's {@code weft-call} script, through which every channel reaches the agent's API
 * (a Unix socket in the agent's container): {@code weft-call BODY [PATH]} posts BODY and prints
 * the reply's body on one line; {@code weft-call --lines} does that for every line it reads. It
 * prints on stdout only a reply of status 2xx, so output means success; another reply's body
 * goes to stderr with exit status {@value #REFUSED}.
 */
public final class WeftCall {

  public static final String SCRIPT = "weft-call";
  /** weft-call's exit status when the agent answered with an error status; the body is on stderr. */
  public static final int REFUSED = 4;

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

  /**
   * The agent's answer in what {@code weft-call} printed; its coded error when it refused (the
   * body of an error status is the API's {@code {"error": {"code", "message"}}}), and an
   * INTERNAL one when there is no answer.
   */
  public static JsonObject answer(ProcessResult result) {
    String out = result.stdout();
    if (result.exitCode() == REFUSED) {
      throw refusal(result.stderr());
    }
    if (result.exitCode() != 0 || out.isBlank()) {
      throw new WeftException(ErrorCode.INTERNAL, "the weft agent did not answer: "
          + (result.stderr().isBlank() ? "exit " + result.exitCode() : result.stderr().strip()));
    }
    return parse(out);
  }

  /** The coded error in the body of an error status, as weft-call printed it on stderr. */
  static WeftException refusal(String body) {
    try {
      JsonObject error = new JsonObject(body.strip()).getJsonObject("error");
      if (error != null) {
        ErrorCode code;
        try {
          code = ErrorCode.valueOf(error.getString("code", "INTERNAL"));
        } catch (IllegalArgumentException unknown) {
          code = ErrorCode.INTERNAL;
        }
        return new WeftException(code, error.getString("message", "the agent refused"));
      }
    } catch (RuntimeException notJson) {
      // not the API's error object: its text as it came
    }
    return new WeftException(ErrorCode.INTERNAL, "the weft agent refused: " + body.strip());
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
