package io.weft.common.agent;

/**
 * The agent's HTTP API, on a Unix socket inside the agent's container alone: a folder no one but
 * root in that container may enter, on a tmpfs the launcher mounts. The host's users cannot reach
 * it; the command line reaches it through the Docker API ({@code docker exec weft weft-call ...}).
 * The image's {@code weft-call} script gets the socket and paths from here when the image is built.
 *
 * <ul>
 *   <li>{@code POST /v1/command} with a {@link io.weft.common.bus.CommandRequest} → {@code
 *       {"replies": [...]}} or {@code {"error": {...}}}
 *   <li>{@code GET /v1/peers} → {@code {"peers": [...]}}
 *   <li>{@code POST /v1/words} with the command line's words as a JSON array of strings → what
 *       the command line would print for them, as text: stdout's bytes then stderr's, with the
 *       exit status in {@value #EXIT_STATUS_HEADER} and stdout's length in bytes in {@value
 *       #STDOUT_BYTES_HEADER}; or {@value #DECLINED} when the words are the full command line's
 *       to judge ({@code io.weft.common.words.QuickLine}): {@code weft-call --words}
 *   <li>{@code GET /metrics} → Prometheus's text format ({@code weft-call --metrics})
 * </ul>
 *
 * <p>Beside it, the metrics alone on the host's loopback, {@link #METRICS_HOST}:{@link
 * #METRICS_PORT}, for a scraper on the host: they tell counts and timings, nothing a local user
 * could act on (docs/security.md lists them).
 */
public final class AgentApiContract {

  /** The folder of the API's socket in the agent's container: a tmpfs of mode 0700, root's. */
  public static final String SOCKET_DIR = "/run/weft";
  public static final String SOCKET = SOCKET_DIR + "/api.sock";
  public static final String COMMAND_PATH = "/v1/command";
  public static final String PEERS_PATH = "/v1/peers";
  public static final String WORDS_PATH = "/v1/words";
  /** The words' answer: the command line's exit status, and how many of its bytes are stdout's. */
  public static final String EXIT_STATUS_HEADER = "Weft-Exit-Status";
  public static final String STDOUT_BYTES_HEADER = "Weft-Stdout-Bytes";
  /** The status of words the agent leaves to the full command line. */
  public static final int DECLINED = 422;
  /** The most words a line may have, and the longest word, in characters. */
  public static final int MAX_WORDS = 256;
  public static final int MAX_WORD = 4096;
  public static final String METRICS_HOST = "127.0.0.1";
  public static final int METRICS_PORT = 6782;
  public static final String METRICS_PATH = "/metrics";
  /** A request's body is at most this long: a command is a few hundred bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private AgentApiContract() {}
}
