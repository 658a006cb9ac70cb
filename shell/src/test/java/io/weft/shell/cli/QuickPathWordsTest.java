package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which words the short road takes, and which it leaves to the full command tree. */
class QuickPathWordsTest {

  @Test
  void aHostVerbWithItsArguments() {
    assertEquals(new QuickPath.Words(null, List.of("attach", "10.32.1.1/12", "c1"), false),
        QuickPath.Words.read("attach", "10.32.1.1/12", "c1").orElseThrow());
  }

  @Test
  void hostAndJsonWhereverPicocliTakesThem() {
    QuickPath.Words expected = new QuickPath.Words("host3", List.of("ps"), true);
    assertEquals(expected, QuickPath.Words.read("--host", "host3", "ps", "--json").orElseThrow());
    assertEquals(expected, QuickPath.Words.read("ps", "--json", "--host=host3").orElseThrow());
    assertEquals(expected, QuickPath.Words.read("ps", "--host", "host3", "--json").orElseThrow());
  }

  @Test
  void leftToTheFullRoad() {
    for (List<String> args : List.<List<String>>of(
        List.of(), List.of("launch"), List.of("peers"), List.of("run", "-d", "debian"),
        List.of("ps", "--help"), List.of("attach", "-h"), List.of("--json", "ps"),
        List.of("ps", "--json", "--json"), List.of("--host"), List.of("--host", "", "ps"),
        List.of("--host", "a", "--host", "b", "ps"), List.of("status", "--frob"),
        List.of("frobnicate"), List.of("version"))) {
      assertTrue(QuickPath.Words.read(args.toArray(String[]::new)).isEmpty(), args.toString());
    }
  }
}
