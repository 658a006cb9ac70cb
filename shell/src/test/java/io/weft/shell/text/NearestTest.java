package io.weft.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The word meant is found for slips of the fingers, and for nothing else. */
class NearestTest {

  private static final List<String> VERBS = List.of("attach", "detach", "expose", "hide", "ps", "status",
      "reset", "launch", "stop", "peers", "run", "start");

  @Test
  void aLetterDroppedAddedChangedOrSwapped() {
    assertEquals(Optional.of("attach"), Nearest.to("atach", VERBS));
    assertEquals(Optional.of("status"), Nearest.to("stauts", VERBS));
    assertEquals(Optional.of("launch"), Nearest.to("lanch", VERBS));
    assertEquals(Optional.of("peers"), Nearest.to("peer", VERBS));
    assertEquals(Optional.of("--json"), Nearest.to("--jsno", List.of("--json", "--host", "--help")));
  }

  @Test
  void nothingForAWordFarFromEveryOneOrNearTwo() {
    assertEquals(Optional.empty(), Nearest.to("frobnicate", VERBS));
    assertEquals(Optional.empty(), Nearest.to("xy", VERBS));
    assertEquals(Optional.empty(), Nearest.to("sto", List.of("stop", "stow")), "two equally near");
  }
}
