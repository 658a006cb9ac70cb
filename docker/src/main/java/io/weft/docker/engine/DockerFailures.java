package io.weft.docker.engine;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/** A Docker engine's failure as one coded line: {@code Docker engine: listing containers failed: ...}. */
public final class DockerFailures {

  private DockerFailures() {}

  public static WeftException of(String what, RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    return new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: " + what + " failed: "
        + message.lines().findFirst().orElse(""), e);
  }
}
