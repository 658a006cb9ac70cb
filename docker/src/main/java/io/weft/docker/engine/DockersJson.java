package io.weft.docker.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * docker-java's reading of the engine's JSON, made to take capabilities as Docker writes them
 * today: the docker CLI since 20.10 sends {@code --cap-add net_admin} as {@code CAP_NET_ADMIN},
 * and docker-java's enum knows only {@code NET_ADMIN}, so inspecting such a container failed
 * whole (docker-java #1980, #2365, #2432). A capability docker-java does not know reads as null.
 */
final class DockersJson {

  /**
   * docker-java's own settings (unknown fields and empty beans let through), with the
   * capabilities read as Docker writes them. Not docker-java's default mapper: that one reads its
   * models through a second, inner mapper of its own, which no module reaches; all it adds is
   * each model's raw fields, which weft does not read.
   */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .registerModule(new CapabilityModule());

  private DockersJson() {}

  /** {@code config}, reading the engine's answers with {@link #MAPPER}. */
  static DockerClientConfig tolerant(DockerClientConfig config) {
    return new Tolerant(config);
  }

  /** A module of its own class: Jackson skips a second plain SimpleModule as a duplicate. */
  private static final class CapabilityModule extends SimpleModule {

    CapabilityModule() {
      super("weft-capabilities");
      addDeserializer(Capability.class, new Capabilities());
    }
  }

  static final class Capabilities extends JsonDeserializer<Capability> {

    @Override
    public Capability deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String name = parser.getValueAsString();
      if (name == null) {
        return null;
      }
      try {
        return Capability.valueOf(name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""));
      } catch (IllegalArgumentException unknown) {
        return null;
      }
    }
  }

  private record Tolerant(DockerClientConfig config) implements DockerClientConfig {

    @Override
    public URI getDockerHost() {
      return config.getDockerHost();
    }

    @Override
    public RemoteApiVersion getApiVersion() {
      return config.getApiVersion();
    }

    @Override
    public String getRegistryUsername() {
      return config.getRegistryUsername();
    }

    @Override
    public String getRegistryPassword() {
      return config.getRegistryPassword();
    }

    @Override
    public String getRegistryEmail() {
      return config.getRegistryEmail();
    }

    @Override
    public String getRegistryUrl() {
      return config.getRegistryUrl();
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
      return config.effectiveAuthConfig(imageName);
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
      return config.getAuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
      return config.getSSLConfig();
    }

    @Override
    public ObjectMapper getObjectMapper() {
      return MAPPER;
    }
  }
}
