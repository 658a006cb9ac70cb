package io.weft.docker.thin;

import java.io.IOException;

/** The engine did not finish an exchange within its bound. */
public final class EngineTimeoutException extends IOException {
  EngineTimeoutException(String message) {
    super(message);
  }
}
