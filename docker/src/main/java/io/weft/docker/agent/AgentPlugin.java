package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.WeftVersion;
import io.weft.common.agent.PluginContract;
import io.weft.docker.engine.DockerFailures;
import io.weft.docker.engine.EnginePlugins;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * weft's managed Docker plugin on one host ({@value #NAME}), through the Engine API alone. Docker
 * starts a managed plugin before it restores its containers, so the driver {@value
 * PluginContract#DRIVER} answers from the first moment of an engine's start, the agent or not
 * (see the image's weft-plugin). Installed from the agent image's {@value PluginContract#ROOTFS}
 * (some 11 MB, never the image): read out of a container made of the image and not started, sent
 * with a {@code config.json} of weft's to the engine's {@code POST /plugins/create}. The plugin
 * records the image it came from, so a launch of another image replaces it.
 */
public final class AgentPlugin {

  public static final String NAME = PluginContract.PLUGIN + ":latest";
  /** The plugin's setting naming the image it was made of. */
  static final String IMAGE_SETTING = "WEFT_IMAGE";

  private final DockerClient docker;
  private final EnginePlugins plugins;

  public AgentPlugin(DockerClient docker) {
    this.docker = docker;
    this.plugins = new EnginePlugins(docker);
  }

  /** Whether the host has the plugin, enabled or not. */
  public boolean present() {
    return plugins.inspect(NAME).isPresent();
  }

  /** What {@link #ensure} did: installed a plugin of so many bytes, or found it there. */
  public record Installed(boolean now, long bytes) {}

  /**
   * Makes sure the plugin of {@code image} is installed and enabled: nothing when it is, a new
   * one in place of one of another image.
   */
  public Installed ensure(String image) {
    String imageId = imageId(image);
    Optional<JsonObject> existing = plugins.inspect(NAME);
    if (existing.isPresent() && imageId.equals(setting(existing.get(), IMAGE_SETTING))) {
      if (!existing.get().getBoolean("Enabled", false)) {
        plugins.enable(NAME);
      }
      return new Installed(false, 0);
    }
    byte[] tar = pluginTar(image, imageId);
    existing.ifPresent(old -> plugins.remove(NAME));
    plugins.create(NAME, new ByteArrayInputStream(tar));
    try {
      plugins.enable(NAME);
    } catch (WeftException e) {
      plugins.remove(NAME);
      throw e;
    }
    return new Installed(true, tar.length);
  }

  /** Removes the plugin, and with it the socket Docker finds the driver by; false when there was none. */
  public boolean remove() {
    return plugins.remove(NAME);
  }

  /** The plugin's config: what it runs, the one folder of the host it sees, nothing more. */
  static JsonObject config(String imageId) {
    return new JsonObject()
        .put("Description", "weft's Docker network and IPAM driver '" + PluginContract.DRIVER
            + "': answers Docker from the engine's start and hands each call to the weft agent")
        .put("Documentation", "docs/docker-networks.md in weft's sources")
        .put("Entrypoint", new JsonArray().add("/weft-plugin"))
        .put("WorkDir", "/")
        // Docker talks to the driver by name, at the socket the plugin makes in the host's folder;
        // the managed socket only tells Docker the plugin is up, so it declares no type
        .put("Interface", new JsonObject().put("Types", new JsonArray())
            .put("Socket", PluginContract.MANAGED_SOCKET))
        // unix sockets alone: a network namespace of its own, with nothing in it
        .put("Network", new JsonObject().put("Type", "none"))
        .put("Mounts", new JsonArray().add(new JsonObject()
            .put("Name", "plugins").put("Description", "the host's plugins folder")
            .put("Source", PluginContract.DIR).put("Destination", PluginContract.PLUGIN_HOST_DIR)
            .put("Type", "bind").put("Options", new JsonArray().add("rbind").add("rw"))))
        .put("Linux", new JsonObject().put("Capabilities", new JsonArray()))
        .put("Env", new JsonArray()
            .add(new JsonObject().put("Name", IMAGE_SETTING).put("Value", imageId)
                .put("Description", "the weft image this plugin was made of"))
            .add(new JsonObject().put("Name", "WEFT_VERSION").put("Value", WeftVersion.get())
                .put("Description", "weft's version")));
  }

  private String imageId(String image) {
    try {
      return docker.inspectImageCmd(image).exec().getId();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "the engine has no image " + image + " (build it: weft image build)");
    } catch (RuntimeException e) {
      throw DockerFailures.of("inspecting the image " + image, e);
    }
  }

  /** {@code config.json} and {@code rootfs/}, the root file system read out of the image. */
  private byte[] pluginTar(String image, String imageId) {
    String container;
    try {
      container = docker.createContainerCmd(image).withEntrypoint("true").withCmd(java.util.List.of())
          .withLabels(java.util.Map.of(AgentHostConfig.ROLE_LABEL, "plugin-rootfs")).exec().getId();
    } catch (RuntimeException e) {
      throw DockerFailures.of("reading the plugin's files out of " + image, e);
    }
    try (InputStream archive = docker.copyArchiveFromContainerCmd(container, PluginContract.ROOTFS).exec();
        TarArchiveInputStream in = new TarArchiveInputStream(archive);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      byte[] config = config(imageId).encodePrettily().getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry configEntry = new TarArchiveEntry("config.json");
      configEntry.setSize(config.length);
      configEntry.setMode(0644);
      out.putArchiveEntry(configEntry);
      out.write(config);
      out.closeArchiveEntry();
      String top = PluginContract.ROOTFS.substring(PluginContract.ROOTFS.lastIndexOf('/') + 1);
      for (TarArchiveEntry entry = in.getNextTarEntry(); entry != null; entry = in.getNextTarEntry()) {
        String name = entry.getName();
        if (!name.equals(top) && !name.startsWith(top + "/")) {
          continue;
        }
        entry.setName("rootfs" + name.substring(top.length()));
        if (entry.isLink() && entry.getLinkName().startsWith(top + "/")) {
          entry.setLinkName("rootfs" + entry.getLinkName().substring(top.length()));
        }
        out.putArchiveEntry(entry);
        if (!entry.isDirectory() && !entry.isSymbolicLink() && !entry.isLink()) {
          in.transferTo(out);
        }
        out.closeArchiveEntry();
      }
      out.finish();
      return bytes.toByteArray();
    } catch (NotFoundException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "the image " + image + " has no " + PluginContract.ROOTFS
          + ": it is older than weft's managed plugin (weft image build)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin's files out of " + image, e);
    } finally {
      try {
        docker.removeContainerCmd(container).withForce(true).exec();
      } catch (RuntimeException e) {
        // removed already
      }
    }
  }

  private static String setting(JsonObject plugin, String name) {
    JsonArray env = plugin.getJsonObject("Settings", new JsonObject()).getJsonArray("Env", new JsonArray());
    for (Object item : env) {
      if (item instanceof String text && text.startsWith(name + "=")) {
        return text.substring(name.length() + 1);
      }
    }
    return null;
  }
}
