package io.weft.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Files and folders a test makes in the machine's temporary folder (captures, reports, scripts
 * for a host's processes), gone when the test JVM ends: a run leaves nothing behind there, and
 * a failed one's files are still there to read while it runs.
 */
public final class TempPaths {

  private static final List<Path> FOLDERS = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> FOLDERS.forEach(TempPaths::deleteTree),
        "weft-temp-paths"));
  }

  private TempPaths() {}

  public static Path file(String prefix, String suffix) throws IOException {
    Path file = Files.createTempFile(prefix, suffix);
    file.toFile().deleteOnExit();
    return file;
  }

  /** A folder of its own, deleted with whatever the test or a host's process put in it. */
  public static Path folder(String prefix) throws IOException {
    Path folder = Files.createTempDirectory(prefix);
    FOLDERS.add(folder);
    return folder;
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException gone) {
      // already gone, or unreadable: nothing more to do at exit
    }
  }
}
