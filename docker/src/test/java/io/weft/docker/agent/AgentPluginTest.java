package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.agent.PluginContract;
import org.junit.jupiter.api.Test;

/** The managed plugin asks Docker for as little as it needs, and names the image it was made of. */
class AgentPluginTest {

  @Test
  void itHasNoNetworkNoCapabilityAndOneFolderOfTheHosts() {
    JsonObject config = AgentPlugin.config("sha256:abc");
    assertEquals("none", config.getJsonObject("Network").getString("Type"));
    assertEquals(new JsonArray(), config.getJsonObject("Linux").getJsonArray("Capabilities"));
    JsonArray mounts = config.getJsonArray("Mounts");
    assertEquals(1, mounts.size());
    assertEquals(PluginContract.DIR, mounts.getJsonObject(0).getString("Source"));
    assertEquals(PluginContract.PLUGIN_HOST_DIR, mounts.getJsonObject(0).getString("Destination"));
    assertEquals(new JsonArray().add("/weft-plugin"), config.getJsonArray("Entrypoint"));
  }

  @Test
  void itDeclaresNoDriverOfItsOwnSoTheNameWeftStaysTheOneDockerFinds() {
    JsonObject config = AgentPlugin.config("sha256:abc");
    assertEquals(new JsonArray(), config.getJsonObject("Interface").getJsonArray("Types"));
    assertEquals(PluginContract.MANAGED_SOCKET, config.getJsonObject("Interface").getString("Socket"));
    assertTrue(!PluginContract.PLUGIN.equals(PluginContract.DRIVER), "a managed plugin named weft hides the driver weft");
    assertTrue(config.getJsonArray("Env").stream().map(e -> (JsonObject) e)
        .anyMatch(e -> e.getString("Name").equals(AgentPlugin.IMAGE_SETTING) && e.getString("Value").equals("sha256:abc")));
  }
}
