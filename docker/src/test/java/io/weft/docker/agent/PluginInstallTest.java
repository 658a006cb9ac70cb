package io.weft.docker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginInstallTest {

  @Test
  void aFailureIsSeenWithoutWaitingAndKeepsItsCode() throws Exception {
    WeftException refused = new WeftException(ErrorCode.DOCKER_FAILED, "the image has no plugin rootfs");
    PluginInstall install = PluginInstall.start(() -> {
      throw refused;
    });
    assertSame(refused, assertThrows(WeftException.class, install::await));
    assertSame(refused, install.failure().orElseThrow());
    assertFalse(install.installedOne(), "a failed install put no plugin on the host");
  }

  @Test
  void aRunningInstallIsNoFailureAndItsResultWaitsForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    PluginInstall install = PluginInstall.start(() -> {
      try {
        assertTrue(release.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return new AgentPlugin.Installed(true, 11 << 20);
    });
    assertTrue(install.failure().isEmpty(), "still running");
    release.countDown();
    assertEquals(new AgentPlugin.Installed(true, 11 << 20), install.await());
    assertTrue(install.installedOne());
    assertTrue(install.failure().isEmpty());
  }

  @Test
  void anUnexpectedErrorBecomesADockerFailureNamingThePlugin() {
    PluginInstall install = PluginInstall.start(() -> {
      throw new IllegalStateException("connection reset");
    });
    WeftException e = assertThrows(WeftException.class, install::await);
    assertEquals(ErrorCode.DOCKER_FAILED, e.code());
    assertTrue(e.getMessage().contains(AgentPlugin.NAME) && e.getMessage().contains("connection reset"), e.getMessage());
  }
}
