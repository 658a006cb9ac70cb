package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What launch echoes of the agent's output: weft's own lines, never a secret. */
class LaunchEchoTest {

  private static final String PASSWORD = "correct horse battery staple";
  private final LaunchEcho echo = new LaunchEcho(PASSWORD);

  @Test
  void weftsOwnLinesAreShownAndTheLibrariesAreNot() {
    assertEquals(Optional.of("weft agent: joining as host2 at 172.29.0.12 via 172.29.0.11"),
        echo.progress("weft agent: joining as host2 at 172.29.0.12 via 172.29.0.11"));
    assertEquals(Optional.of("12:00:01 INFO io.weft.agent.dns.DnsServer: weft's DNS answers at 10.32.0.1:53"),
        echo.progress("12:00:01 INFO io.weft.agent.dns.DnsServer: weft's DNS answers at 10.32.0.1:53"));
    assertFalse(echo.progress("12:00:01 WARNING com.hazelcast.internal.cluster.ClusterService: "
        + "[172.29.0.12]:16012 [weft-0123456789abcdef0123456789abcdef] [5.3.8] Members {size:2}").isPresent());
    assertFalse(echo.progress("Dec 06, 2026 12:00:01 PM io.netty.util.internal.PlatformDependent warn").isPresent());
  }

  @Test
  void noLineKeepsThePasswordAClusterNameOrAKey() {
    String hazelcast = "12:00:01 WARNING com.hazelcast.Node: [weft-0123456789abcdef0123456789abcdef] up";
    assertEquals("12:00:01 WARNING com.hazelcast.Node: [" + LaunchEcho.HIDDEN + "] up", echo.redact(hazelcast));
    assertFalse(echo.redact("weft agent: cannot start: bad password " + PASSWORD).contains(PASSWORD));
    assertEquals(LaunchEcho.HIDDEN, echo.redact("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVcB8r1iKfSdO9q4R"));
    assertTrue(echo.redact("-----BEGIN PRIVATE KEY-----").contains(LaunchEcho.HIDDEN));
    assertEquals(Optional.of("weft agent: fleet keys made in 2500 ms (fleet CA 0123456789abcdef...)"),
        echo.progress("weft agent: fleet keys made in 2500 ms (fleet CA 0123456789abcdef...)"));
  }
}
