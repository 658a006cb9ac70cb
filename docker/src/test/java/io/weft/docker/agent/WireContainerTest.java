package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.Test;

/** Which stopped container called weft-wg weft starts as it is, and which it makes anew. */
class WireContainerTest {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Test
  void onlyAContainerWeftMadeForWireguardGoIsStartedAsItIs() throws Exception {
    assertTrue(WireContainer.isWeftsOwn(inspected("{\"Config\": {\"Labels\": {\"io.weft.role\": \"wireguard\"}}}")));
    // someone else's container of that name, or one of weft's of another role: made anew
    assertFalse(WireContainer.isWeftsOwn(inspected("{\"Config\": {\"Labels\": {\"app\": \"mine\"}}}")));
    assertFalse(WireContainer.isWeftsOwn(inspected("{\"Config\": {\"Labels\": {\"io.weft.role\": \"agent\"}}}")));
    assertFalse(WireContainer.isWeftsOwn(inspected("{\"Config\": {}}")));
    assertFalse(WireContainer.isWeftsOwn(inspected("{}")));
  }

  private static InspectContainerResponse inspected(String json) throws Exception {
    return JSON.readValue(json, InspectContainerResponse.class);
  }
}
