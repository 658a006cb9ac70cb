package io.weft.docker.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Docker build context written as a plain tar. The engine takes an uncompressed context at
 * disk speed; docker-java's own folder-to-context path gzips it first, which for a base image's
 * root file system costs more than the whole build.
 */
final class BuildContext {

  private record Entry(String name, Path file, byte[] bytes, int mode) {}

  private final List<Entry> entries = new ArrayList<>();

  BuildContext file(String name, Path file, int mode) {
    entries.add(new Entry(name, file, null, mode));
    return this;
  }

  BuildContext text(String name, String text, int mode) {
    entries.add(new Entry(name, null, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode));
    return this;
  }

  /** Writes the context to {@code tar}. */
  void writeTo(Path tar) {
    try (OutputStream out = Files.newOutputStream(tar);
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Entry entry : entries) {
        TarArchiveEntry header = new TarArchiveEntry(entry.name());
        header.setMode(entry.mode());
        header.setSize(entry.file() != null ? Files.size(entry.file()) : entry.bytes().length);
        archive.putArchiveEntry(header);
        if (entry.file() != null) {
          try (InputStream in = Files.newInputStream(entry.file())) {
            in.transferTo(archive);
          }
        } else {
          archive.write(entry.bytes());
        }
        archive.closeArchiveEntry();
      }
      archive.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build context " + tar, e);
    }
  }
}
