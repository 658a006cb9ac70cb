package io.weft.common.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostProcessTest {

  /** A bound on each test, so that a regression fails rather than hangs; no figure is taken from it. */
  private static final Duration BOUND = Duration.ofSeconds(30);

  @Test
  void aProgramThatHangsWithItsOutputOpenIsTimedOut() {
    HostProcessException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(HostProcessException.class,
        () -> HostProcess.of("sh", "-c", "echo started; sleep 120").timeoutSeconds(1).run()));
    assertTrue(e.getMessage().contains("timed out after 1 s"), e.getMessage());
  }

  @Test
  void theProgramsOwnChildrenAreStoppedWithIt() throws Exception {
    String marker = "weft-host-process-test-" + ProcessHandle.current().pid();
    assertTimeoutPreemptively(BOUND, () -> assertThrows(HostProcessException.class,
        () -> HostProcess.of("sh", "-c", "sh -c 'sleep 120; echo " + marker + "' & wait").timeoutSeconds(1).run()));
    assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(marker)),
        "a child outlived the timeout");
  }

  @Test
  void outputLargerThanAPipeIsReadWhole() {
    String out = assertTimeoutPreemptively(BOUND,
        () -> HostProcess.of("sh", "-c", "yes a | head -c 300000; echo oops >&2").run());
    assertEquals(300_000, out.length());
  }

  @Test
  void aFailureCarriesTheProgramsLastWords() {
    HostProcessException e = assertThrows(HostProcessException.class,
        () -> HostProcess.of("sh", "-c", "echo first >&2; echo last words >&2; exit 3").run());
    assertTrue(e.getMessage().contains("last words"), e.getMessage());
    ProcessResult result = HostProcess.of("sh", "-c", "echo out; exit 3").runAllowingFailure();
    assertEquals(3, result.exitCode());
    assertEquals("out\n", result.stdout());
  }
}
