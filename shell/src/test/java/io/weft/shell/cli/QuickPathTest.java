package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.shell.text.VerbLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which words the short road takes, and which it leaves to the full command tree. */
class QuickPathTest {

  @Test
  void takesAPlainHostVerb() {
    assertTrue(QuickPath.takes(VerbLine.read("attach", "10.32.1.1/12", "c1")));
    assertTrue(QuickPath.takes(VerbLine.read("--host", "host3", "ps", "--json")));
    assertTrue(QuickPath.takes(VerbLine.read("ps", "-q")));
    assertTrue(QuickPath.takes(VerbLine.read("status", "--host", "all", "--format", "{{.Host}}")));
  }

  @Test
  void leavesEverythingElseToTheFullRoad() {
    for (List<String> args : List.<List<String>>of(
        List.of(), List.of("launch"), List.of("peers"), List.of("run", "-d", "debian"),
        List.of("ps", "--help"), List.of("--json", "ps"), List.of("--host", "", "ps"),
        List.of("frobnicate"), List.of("version"), List.of("attach", "-q", "c1"))) {
      assertFalse(QuickPath.takes(VerbLine.read(args)), args.toString());
    }
  }
}
