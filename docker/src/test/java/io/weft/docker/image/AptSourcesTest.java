package io.weft.docker.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AptSourcesTest {

  @Test
  void findsTheMirrorOfTheSuiteInADeb822Stanza() {
    String text = """
        Types: deb
        # a comment
        URIs: http://mirror.example/debian
        Suites: bookworm bookworm-updates
        Components: main

        Types: deb
        URIs: http://mirror.example/debian-security
        Suites: bookworm-security
        Components: main
        """;
    assertEquals("http://mirror.example/debian", AptSources.mirrorIn(text, "bookworm"));
  }

  @Test
  void skipsStanzasThatServeOnlyOtherSuites() {
    String text = """
        Types: deb
        URIs: http://mirror.example/debian-security
        Suites: bookworm-security
        """;
    assertNull(AptSources.mirrorIn(text, "bookworm"));
  }

  @Test
  void readsTheOneLineFormWithOptions() {
    String text = """
        # deb http://commented.example/debian bookworm main
        deb [arch=amd64 signed-by=/k.gpg] http://other.example/debian bookworm-updates main
        deb [arch=amd64] http://mirror.example/debian bookworm main contrib
        """;
    assertEquals("http://mirror.example/debian", AptSources.mirrorIn(text, "bookworm"));
  }
}
