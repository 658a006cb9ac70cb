package io.weft.docker.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.agent.AgentApiContract;
import org.junit.jupiter.api.Test;

class AgentImageTest {

  @Test
  void weftCallTakesTheApisAddressAndPathsFromWeftsOwnDefinition() throws Exception {
    String script = AgentImage.withApiContract(AgentImage.resource("weft-call"));
    assertFalse(script.contains("@"), "a placeholder is left in weft-call");
    assertTrue(script.contains("api_host=" + AgentApiContract.HOST), script);
    assertTrue(script.contains(":-" + AgentApiContract.PORT + "}"), script);
    assertTrue(script.contains("command_path=" + AgentApiContract.COMMAND_PATH), script);
    assertTrue(script.contains("peers_path=" + AgentApiContract.PEERS_PATH), script);
    assertTrue(script.contains("metrics_port=" + AgentApiContract.METRICS_PORT), script);
  }
}
