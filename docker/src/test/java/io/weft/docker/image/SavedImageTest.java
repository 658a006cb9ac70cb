package io.weft.docker.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedImageTest {

  @TempDir Path dir;

  @Test
  void writesTheArchiveDockerLoadExpects() throws Exception {
    Path layer = dir.resolve("layer.tar");
    new BuildContext().text("etc/hostname", "base\n", 0644).writeTo(layer);
    Path archive = dir.resolve("image.tar");

    SavedImage.write("weft/base:test", layer, archive);

    Map<String, byte[]> entries = read(archive);
    JsonObject manifest = new JsonArray(text(entries.get("manifest.json"))).getJsonObject(0);
    assertEquals("weft/base:test", manifest.getJsonArray("RepoTags").getString(0));
    String configName = manifest.getString("Config");
    byte[] config = entries.get(configName);
    assertEquals(sha256(config) + ".json", configName, "the config is named by its digest");
    String layerName = manifest.getJsonArray("Layers").getString(0);
    byte[] layerBytes = entries.get(layerName);
    assertArrayEquals(Files.readAllBytes(layer), layerBytes);
    String diffId = new JsonObject(text(config)).getJsonObject("rootfs")
        .getJsonArray("diff_ids").getString(0);
    assertEquals("sha256:" + sha256(layerBytes), diffId, "docker load checks the layer's digest");
    assertTrue(layerName.startsWith(diffId.substring(7)));
  }

  private static Map<String, byte[]> read(Path archive) throws Exception {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
        entries.put(e.getName(), tar.readAllBytes());
      }
    }
    return entries;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
