package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ExitStatus;
import io.weft.docker.engine.DockerClients;
import org.junit.jupiter.api.Test;

/** Wrong usage ends in one line on stderr and a non-zero exit, before anything is done. */
class CommandLineErrorsTest {

  @Test
  void anUnknownCommandIsNamed() {
    assertUsageError(CapturedRun.of("frobnicate"), "unknown command or argument 'frobnicate'");
  }

  @Test
  void aMistypedCommandOrOptionGetsTheOneMeant() {
    assertUsageError(CapturedRun.of("atach", "c1"),
        "unknown command or argument 'atach' (did you mean 'attach'?)");
    assertUsageError(CapturedRun.of("ps", "--jsno"), "unknown option '--jsno' (did you mean '--json'?)");
    assertUsageError(CapturedRun.of("sandbox", "dwon"), "(did you mean 'down'?)");
    assertUsageError(CapturedRun.of("--host=all", "stauts"), "(did you mean 'status'?)");
  }

  @Test
  void anUnknownFlagIsNamed() {
    assertUsageError(CapturedRun.of("--frob"), "unknown option '--frob'");
  }

  @Test
  void aListsTemplateIsCheckedBeforeAnyEngineIsAsked() {
    assertUsageError(CapturedRun.of("credentials", "--list", "--format", "{{.Owner}}"), "Owner");
    assertUsageError(CapturedRun.of("credentials", "--list", "-q", "--json"), "give one");
    assertUsageError(CapturedRun.of("credentials", "--revoke", "deploy", "-q"), "this prints none");
  }

  @Test
  void sandboxUpRefusesZeroHosts() {
    assertUsageError(CapturedRun.of("sandbox", "up", "0"), "a sandbox has 1 to 20 hosts, not 0");
  }

  @Test
  void sandboxUpRefusesANonNumber() {
    assertUsageError(CapturedRun.of("sandbox", "up", "three"), "'three' is not an int");
  }

  @Test
  void sandboxWithoutAVerbSaysWhichExist() {
    assertUsageError(CapturedRun.of("sandbox"), "sandbox needs one of: up, down, status, restart, cut, heal, env");
  }

  @Test
  void anEngineThatDoesNotAnswerIsNamedInOneLine() {
    System.setProperty(DockerClients.HOST_PROPERTY, "tcp://127.0.0.1:1"); // nothing listens there
    try {
      CapturedRun run = CapturedRun.of("ps");
      assertEquals(1, run.exitCode());
      assertTrue(run.failedWithOneLine("cannot reach the Docker engine at tcp://127.0.0.1:1"), run.err());
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }

  @Test
  void helpListsTheCommands() {
    CapturedRun run = CapturedRun.of("--help");
    assertEquals(0, run.exitCode());
    for (String command : new String[] {"version", "demo", "sandbox", "image"}) {
      assertTrue(run.out().contains("  " + command + " "), command + " missing:\n" + run.out());
    }
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    CapturedRun run = CapturedRun.of("version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().matches("weft \\d+\\.\\d+\\.\\d+.*\\n"), run.out());
  }

  private static void assertUsageError(CapturedRun run, String text) {
    assertEquals(ExitStatus.USAGE, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine(text), run.err());
  }
}
