package io.weft.docker.image;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a one-layer image in the archive format of {@code docker save} / {@code docker load}:
 * {@code manifest.json}, the image config named by its digest, and the layer.
 */
final class SavedImage {

  private SavedImage() {}

  static void write(String repoTag, Path layerTar, Path archive) {
    String diffId = sha256(layerTar);
    String layerDir = diffId.substring(0, 64);
    JsonObject config = new JsonObject()
        .put("architecture", "amd64")
        .put("os", "linux")
        .put("config", new JsonObject()
            .put("Env", new JsonArray().add(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))
            .put("Cmd", new JsonArray().add("/bin/bash")))
        .put("rootfs", new JsonObject()
            .put("type", "layers")
            .put("diff_ids", new JsonArray().add("sha256:" + diffId)))
        .put("history", new JsonArray().add(new JsonObject()
            .put("created_by", "debootstrap --variant=minbase --include=" + DebianBase.PACKAGES)));
    String configText = config.encode();
    String configName = sha256(configText.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".json";
    JsonArray manifest = new JsonArray().add(new JsonObject()
        .put("Config", configName)
        .put("RepoTags", new JsonArray().add(repoTag))
        .put("Layers", new JsonArray().add(layerDir + "/layer.tar")));
    new BuildContext()
        .text(configName, configText, 0644)
        .file(layerDir + "/layer.tar", layerTar, 0644)
        .text("manifest.json", manifest.encode(), 0644)
        .writeTo(archive);
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
