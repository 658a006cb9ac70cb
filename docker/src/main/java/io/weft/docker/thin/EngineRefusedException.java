package io.weft.docker.thin;

import java.io.IOException;

/** The engine answered, with an error status. */
public final class EngineRefusedException extends IOException {
  EngineRefusedException(String message) {
    super(message);
  }
}
