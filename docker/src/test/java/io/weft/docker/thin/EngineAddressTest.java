package io.weft.docker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DOCKER_HOST's forms, as the docker CLI takes them; the ones this client leaves to docker-java. */
class EngineAddressTest {

  @Test
  void aUnixSocket() {
    assertEquals(new EngineAddress("/run/host1/docker.sock", null, 0),
        EngineAddress.parse("unix:///run/host1/docker.sock").orElseThrow());
  }

  @Test
  void tcpWithAndWithoutAPort() {
    assertEquals(new EngineAddress(null, "172.29.0.11", 2375),
        EngineAddress.parse("tcp://172.29.0.11:2375").orElseThrow());
    assertEquals(new EngineAddress(null, "docker.example", 2375),
        EngineAddress.parse("tcp://docker.example").orElseThrow());
    assertEquals(new EngineAddress(null, "h", 4243), EngineAddress.parse("tcp://h:4243/").orElseThrow());
  }

  @Test
  void formsLeftToDockerJava() {
    assertTrue(EngineAddress.parse("ssh://user@host").isEmpty());
    assertTrue(EngineAddress.parse("npipe:////./pipe/docker_engine").isEmpty());
    assertTrue(EngineAddress.parse("tcp://h:port").isEmpty());
    assertTrue(EngineAddress.parse("tcp://h:2375/prefix").isEmpty());
    assertTrue(EngineAddress.parse("unix://").isEmpty());
    assertTrue(EngineAddress.parse("tcp://h:99999").isEmpty());
    assertTrue(EngineAddress.parse("tcp://:2375").isEmpty());
  }

  @Test
  void printsAsDockerHost() {
    assertEquals("tcp://h:2375", EngineAddress.parse("tcp://h").orElseThrow().toString());
    assertEquals("unix:///s", EngineAddress.parse("unix:///s").orElseThrow().toString());
  }
}
