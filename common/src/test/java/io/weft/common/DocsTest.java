package io.weft.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The documented API keeps up with the code: every error code is in the event-bus API's table. */
class DocsTest {

  @Test
  void everyErrorCodeIsDocumented() throws Exception {
    String eventBus = Files.readString(Path.of("..", "docs", "event-bus.md"));
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(eventBus.contains("| `" + code.name() + "` |"), code + " is missing from docs/event-bus.md");
    }
  }
}
