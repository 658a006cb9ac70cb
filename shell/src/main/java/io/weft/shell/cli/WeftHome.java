package io.weft.shell.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The weft tree this command line was built from; the launcher script passes it. */
final class WeftHome {

  private WeftHome() {}

  static Path path() {
    String home = System.getProperty("weft.home", System.getenv("WEFT_HOME"));
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException(
          "cannot find the weft build tree: run weft through ./weft or set WEFT_HOME");
    }
    return Path.of(home);
  }
}
