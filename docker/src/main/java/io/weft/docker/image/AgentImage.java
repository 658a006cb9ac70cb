package io.weft.docker.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.WeftVersion;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.agent.PluginContract;
import io.weft.common.bus.BridgeContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The agent image, {@code weft/agent:<version>} and {@code weft/agent:latest}, and its build. */
public final class AgentImage {

  public static final String REPOSITORY = "weft/agent";
  public static final String LATEST = REPOSITORY + ":latest";

  private final Path agentJar;
  private final Path cliJar;

  public AgentImage(Path agentJar, Path cliJar) {
    this.agentJar = agentJar;
    this.cliJar = cliJar;
  }

  /** The image made of the jars a Maven build of the weft tree at {@code weftHome} produced. */
  public static AgentImage fromBuildTree(Path weftHome) {
    Path agent = weftHome.resolve("agent/target/weft-agent.jar");
    Path cli = weftHome.resolve("shell/target/weft.jar");
    for (Path jar : new Path[] {agent, cli}) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is missing: build weft first (mvn package)");
      }
    }
    return new AgentImage(agent, cli);
  }

  public static String versionTag() {
    return REPOSITORY + ":" + WeftVersion.get();
  }

  /**
   * Builds the image inside one engine. {@code base} is an image name the engine has or can pull,
   * or {@code null} for weft's own Debian base, imported from the machine's cache when missing.
   *
   * @return the image id
   */
  public String buildInto(DockerClient docker, String base, DebianBase debian) {
    String baseImage = base != null ? base : importDebianBase(docker, debian);
    Path context = writeContext();
    try (InputStream tar = Files.newInputStream(context)) {
      return docker.buildImageCmd(tar)
          .withTags(Set.of(versionTag(), LATEST))
          .withBuildArg("BASE", baseImage)
          .withPull(false)
          .exec(new BuildImageResultCallback())
          .awaitImageId();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image's build context", e);
    } finally {
      context.toFile().delete();
    }
  }

  /**
   * A digest of everything the image is built from (its definition, both jars, the base's name):
   * two builds with the same digest make the same image, so a store of engines that hold it may
   * be kept and copied rather than built again (the sandbox does).
   */
  public String contentDigest(String baseImage) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(baseImage.getBytes(StandardCharsets.UTF_8));
      for (String name :
          new String[] {"Dockerfile", "weft", "weft-call", "weft-plugin", "weft-plugin-rootfs"}) {
        digest.update(resource(name).getBytes(StandardCharsets.UTF_8));
      }
      for (Path jar : new Path[] {agentJar, cliJar}) {
        try (InputStream in = Files.newInputStream(jar)) {
          byte[] buffer = new byte[1 << 16];
          for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image's parts", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** True when the engine already holds this version of the image. */
  public static boolean presentIn(DockerClient docker) {
    return hasImage(docker, versionTag());
  }

  private static String importDebianBase(DockerClient docker, DebianBase debian) {
    if (!hasImage(docker, DebianBase.IMAGE)) {
      // Loaded, not imported: docker-java's import sends no body over its zerodep transport.
      try (InputStream tar = Files.newInputStream(debian.imageArchive())) {
        docker.loadImageCmd(tar).exec();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the cached base image", e);
      }
    }
    return DebianBase.IMAGE;
  }

  private static boolean hasImage(DockerClient docker, String name) {
    try {
      docker.inspectImageCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private Path writeContext() {
    try {
      Path tar = Files.createTempFile("weft-image", ".tar");
      new BuildContext()
          .text("Dockerfile", resource("Dockerfile").replace("@PLUGIN_ROOTFS@", PluginContract.ROOTFS), 0644)
          .text("weft", resource("weft"), 0755)
          .text("weft-call", withApiContract(resource("weft-call")), 0755)
          .text("weft-plugin", withPluginContract(resource("weft-plugin")), 0755)
          .text("weft-plugin-rootfs", resource("weft-plugin-rootfs"), 0755)
          .file("weft-agent.jar", agentJar, 0644)
          .file("weft.jar", cliJar, 0644)
          .writeTo(tar);
      return tar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot assemble the image's build context", e);
    }
  }

  /** The script with the agent API's socket and paths as weft defines them. */
  public static String withApiContract(String script) {
    return script.replace("@API_SOCKET@", AgentApiContract.SOCKET)
        .replace("@COMMAND_PATH@", AgentApiContract.COMMAND_PATH)
        .replace("@WORDS_PATH@", AgentApiContract.WORDS_PATH)
        .replace("@EVENTS_PATH@", BridgeContract.EVENTS_PATH)
        .replace("@METRICS_PATH@", AgentApiContract.METRICS_PATH);
  }

  /** The managed plugin's script with the sockets and names as weft defines them. */
  static String withPluginContract(String script) {
    return fill(script, pluginValues());
  }

  /** What the plugin's script's placeholders stand for, by name. */
  static Map<String, String> pluginValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("PLUGIN_HOST_DIR", PluginContract.PLUGIN_HOST_DIR);
    values.put("DOCKER_SOCKET_NAME", PluginContract.DRIVER + ".sock");
    values.put("DOCKER_SOCKET", PluginContract.dockerSocket());
    values.put("AGENT_SOCKET_PATH", PluginContract.AGENT_SOCKET);
    values.put("AGENT_SOCKET", PluginContract.socket());
    values.put("MANAGED_DIR", PluginContract.DIR); // Docker's folder for the plugin's own socket
    values.put("MANAGED_SOCKET_NAME", PluginContract.MANAGED_SOCKET);
    values.put("STATE_DIR", "/dev/shm"); // a tmpfs of the plugin's, new at each start
    values.put("BOOT_WAIT", String.valueOf(PluginContract.BOOT_WAIT_SECONDS));
    values.put("ADDRESS_SPACE", PluginContract.ADDRESS_SPACE);
    return values;
  }

  static String fill(String script, Map<String, String> values) {
    String filled = script;
    for (Map.Entry<String, String> value : values.entrySet()) {
      filled = filled.replace("@" + value.getKey() + "@", value.getValue());
    }
    return filled;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = AgentImage.class.getResourceAsStream("context/" + name)) {
      if (in == null) {
        throw new IllegalStateException("image definition " + name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
