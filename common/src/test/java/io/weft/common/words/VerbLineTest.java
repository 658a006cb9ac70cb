package io.weft.common.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.bus.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one line of words is read, by the command line's quick path and by the shell alike: which
 * lines the quick path may take as they are, and which it leaves to picocli.
 */
class VerbLineTest {

  @Test
  void aHostVerbWithItsArguments() {
    VerbLine line = VerbLine.read("attach", "10.32.1.1/12", "c1");
    assertEquals(List.of("attach", "10.32.1.1/12", "c1"), line.words());
    assertTrue(line.plain());
    assertFalse(line.json());
    assertEquals(Target.SELF, line.target());
  }

  @Test
  void hostAndJsonWhereverPicocliTakesThem() {
    for (VerbLine line : List.of(VerbLine.read("--host", "host3", "ps", "--json"),
        VerbLine.read("ps", "--json", "--host=host3"), VerbLine.read("ps", "--host", "host3", "--json"))) {
      assertEquals(List.of("ps"), line.words());
      assertEquals("host3", line.host());
      assertTrue(line.json() && line.plain(), line.toString());
    }
  }

  @Test
  void quietAndFormatAreReadAsJsonIs() {
    VerbLine line = VerbLine.read("ps", "-q", "--host", "all");
    assertTrue(line.quiet() && line.plain() && line.listStyle(), line.toString());
    VerbLine format = VerbLine.read("ps", "--format", "{{.Name}} {{.ID}}");
    assertEquals("{{.Name}} {{.ID}}", format.format());
    assertEquals(List.of("ps"), format.words());
    assertEquals("{{.ID}}", VerbLine.read("ps", "--format={{.ID}}").format());
    assertEquals("--format needs a TEMPLATE, such as '{{.Name}}'", VerbLine.read("ps", "--format").problem());
  }

  @Test
  void notPlainWhenPicocliMustJudge() {
    for (List<String> args : List.<List<String>>of(
        List.of("run", "-d", "debian"), List.of("ps", "--help"), List.of("attach", "-h"),
        List.of("--json", "ps"), List.of("ps", "--json", "--json"), List.of("--host"),
        List.of("--host", "", "ps"), List.of("--host", "a", "--host", "b", "ps"),
        List.of("status", "--frob"), List.of("ps", ""), List.of("-q", "ps"), List.of("ps", "-q", "-q"),
        List.of("ps", "--format", "a", "--format", "b"))) {
      assertFalse(VerbLine.read(args).plain(), args.toString());
    }
  }

  @Test
  void theShellReadsTheSameLinesMoreKindly() {
    VerbLine line = VerbLine.read("--json", "reset", "--host", "a", "--host", "b");
    assertEquals(List.of("reset"), line.words());
    assertEquals("b", line.host(), "the last --host counts");
    assertTrue(line.json());
    assertNull(line.problem());
    assertEquals("--host needs a NAME, NAME,NAME or all", VerbLine.read("ps", "--host").problem());
  }
}
