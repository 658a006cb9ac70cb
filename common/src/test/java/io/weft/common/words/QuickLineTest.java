package io.weft.common.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.bus.HostReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which words the quick path takes, and which it leaves to the full command line. */
class QuickLineTest {

  @Test
  void takesAPlainHostVerb() {
    assertTrue(QuickLine.takes(VerbLine.read("attach", "10.32.1.1/12", "c1")));
    assertTrue(QuickLine.takes(VerbLine.read("--host", "host3", "ps", "--json")));
    assertTrue(QuickLine.takes(VerbLine.read("ps", "-q")));
    assertTrue(QuickLine.takes(VerbLine.read("status", "--host", "all", "--format", "{{.Host}}")));
  }

  @Test
  void leavesEverythingElseToTheFullRoad() {
    for (List<String> args : List.<List<String>>of(
        List.of(), List.of("launch"), List.of("peers"), List.of("run", "-d", "debian"),
        List.of("ps", "--help"), List.of("--json", "ps"), List.of("--host", "", "ps"),
        List.of("frobnicate"), List.of("version"), List.of("attach", "-q", "c1"))) {
      assertFalse(QuickLine.takes(VerbLine.read(args)), args.toString());
    }
  }

  @Test
  void wordsItsVerbRefusesAreTheFullCommandLines() {
    assertTrue(QuickLine.read(List.of("attach", "not-a-cidr/99", "c1")).isEmpty());
    assertTrue(QuickLine.read(List.of("ps", "extra")).isEmpty());
    assertTrue(QuickLine.read(List.of("ps", "--format", "{{.NoSuchField}}")).isEmpty());
  }

  @Test
  void aQuickLineGoesWhereHostSendsItAndPrintsAsTheCommandLineDoes() {
    QuickLine line = QuickLine.read(List.of("--host", "host2,host3", "status")).orElseThrow();
    assertEquals(List.of("host2", "host3"), line.request().target().hosts("host1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = line.print(List.of(HostReply.failed("host2", ErrorCode.NO_SUCH_HOST, "no host host2")),
        new PrintStream(out, true), new PrintStream(err, true));
    assertEquals(1, status);
    assertEquals("", out.toString());
    assertEquals("weft: host2: no host host2\n", err.toString());
  }
}
