package io.weft.docker.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.agent.AgentApiContract;
import org.junit.jupiter.api.Test;

class AgentImageTest {

  @Test
  void weftCallTakesTheApisSocketAndPathsFromWeftsOwnDefinition() throws Exception {
    String script = AgentImage.withApiContract(AgentImage.resource("weft-call"));
    assertFalse(script.matches("(?s).*@[A-Z_]+@.*"), "a placeholder is left in weft-call");
    assertTrue(script.contains(":-" + AgentApiContract.SOCKET + "}"), script);
    assertTrue(script.contains("command_path=" + AgentApiContract.COMMAND_PATH), script);
    assertTrue(script.contains("metrics_path=" + AgentApiContract.METRICS_PATH), script);
  }
}
