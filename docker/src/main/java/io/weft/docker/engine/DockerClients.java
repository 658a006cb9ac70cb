package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/**
 * Docker clients configured the way the {@code docker} CLI is: from {@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}, defaulting to the local socket.
 */
public final class DockerClients {

  public static final String HOST_PROPERTY = "weft.docker.host";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private DockerClients() {}

  /**
   * A client for the engine the environment names, as {@code docker} would pick it. The system
   * property {@value #HOST_PROPERTY}, when set, names the engine instead of {@code DOCKER_HOST}:
   * one JVM (a test, say) can then speak to several engines in turn.
   */
  public static DockerClient fromEnvironment() {
    String host = System.getProperty(HOST_PROPERTY);
    return host != null ? forHost(host)
        : create(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
  }

  /** The engine {@link #fromEnvironment} speaks to, for messages. */
  public static String environmentHost() {
    String host = System.getProperty(HOST_PROPERTY);
    return host != null ? host
        : DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
  }

  /** A client for one engine, {@code unix:///path} or {@code tcp://host:port}, without TLS. */
  public static DockerClient forHost(String dockerHost) {
    return create(
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(dockerHost)
            .withDockerTlsVerify(false)
            .build());
  }

  private static DockerClient create(DockerClientConfig config) {
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(CONNECT_TIMEOUT)
            .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
