package io.weft.agent.state;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * Files in the state volume. A write goes to a file beside it, is synced to the disk, and is
 * renamed into place, and the folder is synced: a reader, or the agent after a crash or a power
 * cut, sees the old file or the new one whole, never half. A file that cannot be read as JSON is
 * set aside, said in the log, and read as empty: one bad file never stops the agent.
 */
public final class StateFiles {

  private static final Logger LOG = Logger.getLogger(StateFiles.class.getName());

  private StateFiles() {}

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".new");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(StandardCharsets.UTF_8.encode(content));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        folder.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The file's text, or empty text when there is no such file. */
  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The file as a JSON object; an empty one when there is no file, or when it is not JSON (cut
   * short by a crash, say), in which case it is kept aside as {@code NAME.bad} for a look.
   */
  public static JsonObject readJson(Path file) {
    String text = read(file);
    if (text.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".bad");
      LOG.warning(file + " is not JSON (" + e.getMessage() + "); kept as " + aside + ", starting without it");
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moving) {
        LOG.warning("could not set " + file + " aside: " + moving.getMessage());
      }
      return new JsonObject();
    }
  }
}
