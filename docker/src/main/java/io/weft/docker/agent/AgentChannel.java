package io.weft.docker.agent;

import io.vertx.core.json.JsonObject;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import java.util.List;

/**
 * A way to the agent's loopback API on one host, through that host's Docker API alone. Three
 * exist: {@link ExecChannel}, one exec a call; {@link SessionChannel}, one exec kept open for
 * the shell; and the command line's quick path, {@code ThinChannel}, which speaks plain HTTP to
 * the engine before docker-java could load.
 */
public interface AgentChannel extends AutoCloseable {

  /** Each targeted host's reply; a request the agent refuses whole is thrown as its coded error. */
  List<HostReply> command(CommandRequest request);

  /** The fleet's peers as the agent knows them: {@code {"peers": [...]}}. */
  JsonObject peers();

  @Override
  default void close() {}
}
