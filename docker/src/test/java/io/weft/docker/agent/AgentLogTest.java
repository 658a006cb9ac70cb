package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AgentLogTest {

  @Test
  void aLineWhoseCharacterTheFramesCutInTwoComesOutWhole() throws Exception {
    byte[] text = "weft agent: joining as hôte-é\nweft is up\n".getBytes(StandardCharsets.UTF_8);
    int cut = "weft agent: joining as hô".getBytes(StandardCharsets.UTF_8).length - 1; // inside ô
    try (AgentLog log = new AgentLog()) {
      log.split(Arrays.copyOfRange(text, 0, cut));
      log.split(Arrays.copyOfRange(text, cut, text.length));
      assertEquals("weft agent: joining as hôte-é", log.next(1000));
      assertEquals("weft is up", log.next(1000));
      assertNull(log.next(10), "nothing more");
    }
  }
}
