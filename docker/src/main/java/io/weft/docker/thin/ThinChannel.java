package io.weft.docker.thin;

import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.AgentNotRunningException;
import io.weft.docker.agent.WeftCallChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The agent reached through {@link ThinExec}: the command line's quick path. A call fails with
 * {@link AgentNotRunningException} when the host has no running agent (nothing was run), and
 * with an {@link UncheckedIOException} when the engine cannot be reached or refuses.
 */
public final class ThinChannel extends WeftCallChannel {

  private final EngineAddress engine;

  public ThinChannel(EngineAddress engine) {
    this.engine = engine;
  }

  @Override
  protected ProcessResult run(List<String> command) {
    try {
      return ThinExec.runForAnswer(engine, AgentContainer.NAME, command).orElseThrow(() ->
          new AgentNotRunningException("weft is not running on this host (start it: weft launch)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
