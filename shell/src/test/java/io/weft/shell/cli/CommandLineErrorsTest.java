package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.shell.WeftMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wrong usage ends in one line on stderr and a non-zero exit, before anything is done. */
class CommandLineErrorsTest {

  private final PrintStream realOut = System.out;
  private final PrintStream realErr = System.err;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(realOut);
    System.setErr(realErr);
  }

  @Test
  void anUnknownCommandIsNamed() {
    assertEquals(ErrorReporting.USAGE, WeftMain.run("frobnicate"));
    assertOneErrorLine("unknown command or argument 'frobnicate'");
  }

  @Test
  void anUnknownFlagIsNamed() {
    assertEquals(ErrorReporting.USAGE, WeftMain.run("--frob"));
    assertOneErrorLine("unknown option '--frob'");
  }

  @Test
  void sandboxUpRefusesZeroHosts() {
    assertEquals(ErrorReporting.USAGE, WeftMain.run("sandbox", "up", "0"));
    assertOneErrorLine("a sandbox has 1 to 20 hosts, not 0");
  }

  @Test
  void sandboxUpRefusesANonNumber() {
    assertEquals(ErrorReporting.USAGE, WeftMain.run("sandbox", "up", "three"));
    assertOneErrorLine("'three' is not an int");
  }

  @Test
  void helpListsTheCommands() {
    assertEquals(0, WeftMain.run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String command : new String[] {"version", "demo", "sandbox", "image"}) {
      assertTrue(help.contains("  " + command + " "), command + " missing from:\n" + help);
    }
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    assertEquals(0, WeftMain.run("version"));
    assertTrue(out.toString(StandardCharsets.UTF_8).matches("weft \\d+\\.\\d+\\.\\d+.*\\n"));
  }

  private void assertOneErrorLine(String expected) {
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("weft: ") && text.contains(expected), text);
  }
}
