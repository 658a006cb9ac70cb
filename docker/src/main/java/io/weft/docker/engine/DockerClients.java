package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    return fromEnvironment(null);
  }

  /**
   * As {@link #fromEnvironment()}, with every request bounded by {@code responseTimeout} (null:
   * none): for a program that must not wait on a hung engine. Not for streams that are quiet
   * for long (events, a shell's session).
   */
  public static DockerClient fromEnvironment(Duration responseTimeout) {
    String host = System.getProperty(HOST_PROPERTY);
    DockerClientConfig config = host != null
        ? DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
            .withDockerTlsVerify(false).build()
        : DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    return create(config, responseTimeout);
  }

  /**
   * Whether the engine the environment names answers a ping within {@code bound}. An engine that
   * is starting accepts connections on its socket long before it answers on them, and a read
   * from a unix socket does not time out: the ping runs on a thread of its own, abandoned when
   * the bound passes.
   */
  public static boolean answers(Duration bound) {
    CompletableFuture<Boolean> ping = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try (DockerClient docker = fromEnvironment(bound)) {
        docker.pingCmd().exec();
        ping.complete(true);
      } catch (Exception e) {
        ping.complete(false);
      }
    }, "weft-engine-ping");
    thread.setDaemon(true);
    thread.start();
    try {
      return ping.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
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
            .build(), null);
  }

  private static DockerClient create(DockerClientConfig config, Duration responseTimeout) {
    ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(CONNECT_TIMEOUT);
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    DockerHttpClient client = http.build();
    return DockerClientImpl.getInstance(DockersJson.tolerant(config), client);
  }
}
