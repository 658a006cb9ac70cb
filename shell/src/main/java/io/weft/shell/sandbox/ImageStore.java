package io.weft.shell.sandbox;

import io.weft.common.process.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An engine's image store with the base and the agent image in it, kept in the machine's cache
 * once per agent image (named by its content digest), so that a new sandbox host starts with the
 * images already there instead of loading the 300 MB base and building the agent image in every
 * engine of every sandbox. A store is the two folders of a data root that hold images: {@code
 * image} (metadata, copied) and {@code overlay2} (the layers' files, hard-linked: the engine
 * never writes into a layer once it is made; a container's changes go to a layer of its own).
 */
final class ImageStore {

  static final Path DEFAULT_CACHE = Path.of("/var/cache/weft/engine-stores");
  /** Stores of other builds (other checkouts of this machine) kept beside the newest. */
  private static final int KEPT = 4;

  private final Path dir;

  ImageStore(Path cache, String digest) {
    this.dir = cache.resolve(digest.substring(0, 16));
  }

  Path dir() {
    return dir;
  }

  boolean exists() {
    return Files.isDirectory(dir);
  }

  /**
   * Makes {@code dataRoot} (of an engine that is not running) start with the store's images.
   * Layers are hard links where the data root is on the cache's file system, copies elsewhere.
   */
  void copyInto(Path dataRoot) {
    try {
      Files.createDirectories(dataRoot);
      Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + dataRoot, e);
    }
    HostProcess.of("cp", "-a", dir.resolve("image").toString(), dataRoot.toString()).run();
    Path layers = dir.resolve("overlay2");
    if (HostProcess.of("cp", "-a", "--link", layers.toString(), dataRoot.toString())
        .runAllowingFailure().exitCode() != 0) {
      HostProcess.of("rm", "-rf", dataRoot.resolve("overlay2").toString()).run();
      HostProcess.of("cp", "-a", layers.toString(), dataRoot.toString()).run();
    }
  }

  /**
   * Keeps the images of {@code dataRoot}, whose engine has stopped, as this store: written aside
   * and moved into place, so no one ever copies half a store, and the oldest stores beyond
   * {@link #KEPT} are forgotten.
   */
  void saveFrom(Path dataRoot) {
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(partial);
      // the metadata copied, as the engine that made it goes on writing its own; the layers linked
      HostProcess.of("cp", "-a", dataRoot.resolve("image").toString(), partial.toString()).run();
      HostProcess.of("cp", "-a", "--link", dataRoot.resolve("overlay2").toString(), partial.toString()).run();
      try {
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException sameBuild) {
        // another process saved the same images first: theirs serves
      }
      forgetOldStores();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the image store in " + dir, e);
    } finally {
      HostProcess.of("rm", "-rf", partial.toString()).runAllowingFailure();
    }
  }

  /** Stores of older builds are about 400 MB each that nothing copies again. */
  private void forgetOldStores() throws IOException {
    List<Path> stores;
    try (Stream<Path> all = Files.list(dir.getParent())) {
      stores = all.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().contains(".partial-"))
          .sorted(Comparator.comparing(ImageStore::lastUsed).reversed())
          .toList();
    }
    for (Path old : stores.subList(Math.min(KEPT, stores.size()), stores.size())) {
      if (!old.equals(dir)) {
        HostProcess.of("rm", "-rf", old.toString()).runAllowingFailure();
      }
    }
  }

  private static FileTime lastUsed(Path store) {
    try {
      return Files.getLastModifiedTime(store);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
