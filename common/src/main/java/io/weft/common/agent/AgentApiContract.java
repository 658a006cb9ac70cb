package io.weft.common.agent;

/**
 * The agent's HTTP API on its host's loopback, which the command line reaches through {@code
 * docker exec weft weft-call ...}. The image's {@code weft-call} script gets the port and paths
 * from here when the image is built.
 *
 * <ul>
 *   <li>{@code POST /v1/command} with a {@link io.weft.common.bus.CommandRequest} → {@code
 *       {"replies": [...]}} or {@code {"error": {...}}}
 *   <li>{@code GET /v1/peers} → {@code {"peers": [...]}}
 * </ul>
 *
 * <p>Beside it, on the same loopback address, {@code GET /metrics} on {@link #METRICS_PORT}:
 * Prometheus's text format, which {@code weft-call --metrics} prints through {@code docker exec}.
 */
public final class AgentApiContract {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 6784;
  public static final String COMMAND_PATH = "/v1/command";
  public static final String PEERS_PATH = "/v1/peers";
  public static final int METRICS_PORT = 6782;
  public static final String METRICS_PATH = "/metrics";

  private AgentApiContract() {}
}
