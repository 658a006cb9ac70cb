package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

  @TempDir
  Path dir;

  @Test
  void aNewDataRootGetsTheLayersLinkedAndTheMetadataCopied() throws Exception {
    Path made = dataRoot("made");
    ImageStore store = new ImageStore(dir.resolve("cache"), "0123456789abcdef0123");
    assertFalse(store.exists());
    store.saveFrom(made);
    assertTrue(store.exists());

    Path fresh = dir.resolve("fresh");
    store.copyInto(fresh);
    Path layer = fresh.resolve("overlay2/abc/diff/bin/sh");
    Path metadata = fresh.resolve("image/overlay2/repositories.json");
    assertEquals("a layer's file", Files.readString(layer));
    assertEquals(inode(made.resolve("overlay2/abc/diff/bin/sh")), inode(layer), "layers are shared");
    assertEquals("{}", Files.readString(metadata));
    assertNotEquals(inode(made.resolve("image/overlay2/repositories.json")), inode(metadata),
        "the engine rewrites its metadata: each has its own");
    assertEquals(List.of(store.dir()), stores(), "nothing half-made is left beside it");
  }

  @Test
  void onlyTheStoresUsedLastAreKept() throws Exception {
    Path cache = dir.resolve("cache");
    for (int i = 1; i <= 5; i++) {
      Path old = cache.resolve(name("old" + i));
      Files.createDirectories(old.resolve("image"));
      Files.createDirectories(old.resolve("overlay2"));
      Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * i));
    }
    new ImageStore(cache, name("old1") + "ffff").copyInto(dir.resolve("used")); // the oldest, used now
    new ImageStore(cache, name("newest") + "ffff").saveFrom(dataRoot("made"));
    assertEquals(List.of(name("newest"), name("old1"), name("old4"), name("old5")),
        stores().stream().map(p -> p.getFileName().toString()).sorted().toList());
  }

  /** A store's folder name: the first 16 characters of its digest. */
  private static String name(String start) {
    return (start + "0".repeat(16)).substring(0, 16);
  }

  /** A data root as an engine leaves it: metadata under image/, a layer's files under overlay2/. */
  private Path dataRoot(String name) throws Exception {
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("image/overlay2"));
    Files.writeString(root.resolve("image/overlay2/repositories.json"), "{}");
    Files.createDirectories(root.resolve("overlay2/abc/diff/bin"));
    Files.writeString(root.resolve("overlay2/abc/diff/bin/sh"), "a layer's file");
    return root;
  }

  private List<Path> stores() throws Exception {
    try (Stream<Path> all = Files.list(dir.resolve("cache"))) {
      return all.toList();
    }
  }

  private static Object inode(Path file) throws Exception {
    return Files.getAttribute(file, "unix:ino");
  }
}
