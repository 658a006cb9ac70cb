package io.weft.docker.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the Debian mirror this machine already uses, so weft never names one of its own. */
final class AptSources {

  private static final Path SOURCES_LIST = Path.of("/etc/apt/sources.list");
  private static final Path SOURCES_DIR = Path.of("/etc/apt/sources.list.d");
  // One-line form: deb [options] URI SUITE COMPONENTS
  private static final Pattern ONE_LINE =
      Pattern.compile("^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+(\\S+)");

  private AptSources() {}

  static String debianMirror(String suite) {
    List<String> texts = new ArrayList<>();
    read(SOURCES_LIST, texts);
    if (Files.isDirectory(SOURCES_DIR)) {
      try (Stream<Path> files = Files.list(SOURCES_DIR)) {
        files.sorted().forEach(file -> read(file, texts));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String text : texts) {
      String mirror = mirrorIn(text, suite);
      if (mirror != null) {
        return mirror;
      }
    }
    throw new IllegalStateException(
        "no Debian mirror for " + suite + " in the apt sources; cannot make a base image");
  }

  /** The first URI serving {@code suite} itself (not -security or -updates) in one file's text. */
  static String mirrorIn(String text, String suite) {
    // deb822 stanzas: URIs: and Suites: lines within one paragraph.
    for (String stanza : text.split("\\n\\s*\\n")) {
      String uris = field(stanza, "URIs");
      String suites = field(stanza, "Suites");
      if (uris != null && suites != null && List.of(suites.split("\\s+")).contains(suite)) {
        return uris.split("\\s+")[0];
      }
    }
    for (String line : text.split("\\n")) {
      Matcher m = ONE_LINE.matcher(line.strip());
      if (m.find() && m.group(2).equals(suite)) {
        return m.group(1);
      }
    }
    return null;
  }

  private static String field(String stanza, String name) {
    for (String line : stanza.split("\\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static void read(Path file, List<String> texts) {
    if (Files.isRegularFile(file)) {
      try {
        texts.add(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
