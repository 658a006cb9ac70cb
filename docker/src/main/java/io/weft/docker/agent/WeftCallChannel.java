package io.weft.docker.agent;

import io.vertx.core.json.JsonObject;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.process.ProcessResult;
import java.util.List;

/** A channel that runs {@code weft-call} in the agent's container once per call; how is the subclass's. */
public abstract class WeftCallChannel implements AgentChannel {

  @Override
  public List<HostReply> command(CommandRequest request) {
    return HostReply.allOf(WeftCall.answer(run(WeftCall.command(request.toJson().encode()))));
  }

  @Override
  public JsonObject peers() {
    return WeftCall.answer(run(WeftCall.post("", AgentApiContract.PEERS_PATH)));
  }

  /** Runs {@code command} in the agent's container, to the end. */
  protected abstract ProcessResult run(List<String> command);
}
