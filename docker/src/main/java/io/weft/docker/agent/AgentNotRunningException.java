package io.weft.docker.agent;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/** The host has no running agent container, so a channel to the agent carried nothing. */
public final class AgentNotRunningException extends WeftException {

  public AgentNotRunningException(String message) {
    super(ErrorCode.AGENT_NOT_RUNNING, message);
  }
}
