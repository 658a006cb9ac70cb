package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
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

  @Test
  void aStartRefusedForATaskLeftFromBeforeIsToldApartFromOtherFailures() {
    // as docker-java carried the engine's answer after an engine restart under load
    assertTrue(WireContainer.oldTaskLeft(new InternalServerErrorException("Status 500: {\"message\":\"task "
        + "216bff7017ea427986a8ed568d50837377ef3846c3a36015211ffc2cbd76893e: already exists\"}")));
    assertFalse(WireContainer.oldTaskLeft(new InternalServerErrorException("Status 500: {\"message\":"
        + "\"error gathering device information while adding custom device \\\"/dev/net/tun\\\"\"}")));
    assertFalse(WireContainer.oldTaskLeft(new ConflictException("Status 409: {\"message\":\"Conflict. The "
        + "container name \\\"/weft-wg\\\" is already in use\"}")));
    assertFalse(WireContainer.oldTaskLeft(new IllegalStateException((String) null)));
  }

  private static InspectContainerResponse inspected(String json) throws Exception {
    return JSON.readValue(json, InspectContainerResponse.class);
  }
}
