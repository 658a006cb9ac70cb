package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxHostTest {

  private final SandboxHost host3 = new SandboxHost(3, Path.of("/state"));

  @Test
  void namesAndAddressesFollowTheIndex() {
    assertEquals("host3", host3.name());
    assertEquals("172.29.0.13", host3.address());
    assertEquals("tcp://172.29.0.13:2375", host3.dockerHost());
    assertEquals(Path.of("/state/host3/run/docker.sock"), host3.socket());
    assertEquals(Path.of("/state/host3/etc-docker"), host3.etcDir());
  }

  @Test
  void underlayLinkNameFitsAnInterfaceName() {
    SandboxHost last = new SandboxHost(Sandbox.MAX_HOSTS, Path.of("/state"));
    assertTrue(last.underlayLink().length() <= 15, last.underlayLink());
  }

  @Test
  void parsesOnlyHostNames() {
    assertEquals(12, SandboxHost.indexOf("host12"));
    assertNull(SandboxHost.indexOf("host0"));
    assertNull(SandboxHost.indexOf("hostx"));
    assertNull(SandboxHost.indexOf("weft-ul"));
  }
}
