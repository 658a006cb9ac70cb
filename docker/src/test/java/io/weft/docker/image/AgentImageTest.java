package io.weft.docker.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.agent.AgentApiContract;
import io.weft.common.agent.PluginContract;
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

  @Test
  void thePluginsScriptAndTheDockerfileTakeTheirPathsFromWeftsOwnDefinition() throws Exception {
    String script = AgentImage.withPluginContract(AgentImage.resource("weft-plugin"));
    assertFalse(script.matches("(?s).*@[A-Z_]+@.*"), "a placeholder is left in weft-plugin");
    assertTrue(script.contains("LEGACY=" + PluginContract.PLUGIN_HOST_DIR + "/weft.sock"), script);
    assertTrue(script.contains("AGENT=" + PluginContract.PLUGIN_HOST_DIR + "/" + PluginContract.AGENT_SOCKET), script);
    assertTrue(script.contains("BOOT_WAIT=" + PluginContract.BOOT_WAIT_SECONDS), script);
  }
}
