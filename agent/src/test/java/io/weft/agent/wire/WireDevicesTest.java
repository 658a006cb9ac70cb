package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WireDevicesTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void aDeviceThatAnswersWhileDockerDoesNotIsTakenWithoutWaitingForDocker() throws Exception {
    // an engine restoring its containers at boot: its API answers only after the agent serves
    CountDownLatch engineAnswers = new CountDownLatch(1);
    AtomicInteger polls = new AtomicInteger();
    long start = System.nanoTime();
    try {
      WireDevices.awaitUserspace(() -> polls.incrementAndGet() > 2, () -> {
        try {
          engineAnswers.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, BOUND, "wireguard-go");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "waited on the engine");
    } finally {
      engineAnswers.countDown();
    }
  }

  @Test
  void aFailedStartEndsTheWaitWithItsOwnError() {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> WireDevices.awaitUserspace(() -> false, () -> {
          throw new IllegalStateException("Docker engine: starting weft-wg failed: no such image");
        }, BOUND, "wireguard-go"));
    assertEquals("Docker engine: starting weft-wg failed: no such image", failure.getMessage());
  }

  @Test
  void aStartThatFoundTheOldContainerStillRunningIsMadeAgain() {
    // docker rm -f weft-wg under the agent: the first start finds it running and returns, then
    // the container goes; only a second start makes the device
    AtomicInteger starts = new AtomicInteger();
    long start = System.nanoTime();
    int counted = WireDevices.awaitUserspace(() -> starts.get() >= 2, starts::incrementAndGet, BOUND, "wireguard-go");
    long waited = System.nanoTime() - start;
    assertEquals(2, starts.get());
    assertEquals(2, counted, "the starts it reports, for the log of a slow one");
    assertTrue(waited >= WireDevices.START_AGAIN_NANOS && waited < BOUND.toNanos(), waited + " ns");
  }

  @Test
  void aStartThatSucceedsIsWaitedOnUntilTheDeviceAnswersWithinTheBound() {
    AtomicBoolean started = new AtomicBoolean();
    IllegalStateException late = assertThrows(IllegalStateException.class,
        () -> WireDevices.awaitUserspace(() -> false, () -> started.set(true), Duration.ofSeconds(1),
            "wireguard-go did not make weft-wg"));
    assertTrue(started.get());
    assertEquals("wireguard-go did not make weft-wg within 1 s", late.getMessage());
  }
}
