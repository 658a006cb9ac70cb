package io.weft.agent.state;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Files in the state volume. A write goes to a file beside it, is synced to the disk, and is
 * renamed into place, and the folder is synced: a reader, or the agent after a crash or a power
 * cut, sees the old file or the new one whole, never half. A file that cannot be read as JSON is
 * set aside, said in the log, and read as empty: one bad file never stops the agent.
 */
public final class StateFiles {

  private static final Logger LOG = Logger.getLogger(StateFiles.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private StateFiles() {}

  public static void write(Path file, String content) {
    write(file, content, false);
  }

  /** As {@link #write}, for a file root alone may read (mode 0600) from its first byte on. */
  public static void writePrivate(Path file, String content) {
    write(file, content, true);
  }

  private static void write(Path file, String content, boolean secret) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(temp);
      Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try (FileChannel channel = secret
          ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
          : FileChannel.open(temp, options)) {
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
