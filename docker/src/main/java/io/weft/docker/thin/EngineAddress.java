package io.weft.docker.thin;

import io.weft.docker.engine.DockerClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Where the Docker engine listens, read from the environment as {@code docker} reads it: a unix
 * socket or a plain TCP address. TLS is left to docker-java: {@link #fromEnvironment} is empty then.
 */
public record EngineAddress(String unixPath, String host, int port) {

  private static final String DEFAULT = "unix:///var/run/docker.sock";
  private static final int PLAIN_PORT = 2375;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000; // as DockerClients' connect timeout

  /**
   * The engine of {@code DOCKER_HOST} (or of the {@value DockerClients#HOST_PROPERTY} property,
   * which takes precedence as it does for {@link DockerClients}); empty when it needs TLS or its
   * form is not one this client speaks.
   */
  public static Optional<EngineAddress> fromEnvironment() {
    String property = System.getProperty(DockerClients.HOST_PROPERTY);
    if (property != null) {
      return parse(property);
    }
    String tls = System.getenv("DOCKER_TLS_VERIFY");
    if (tls != null && !tls.isEmpty()) {
      return Optional.empty();
    }
    String host = System.getenv("DOCKER_HOST");
    return parse(host == null || host.isBlank() ? DEFAULT : host.strip());
  }

  /** {@code unix:///path}, {@code tcp://host[:port]}; empty for any other form. */
  public static Optional<EngineAddress> parse(String dockerHost) {
    if (dockerHost.startsWith("unix://")) {
      String path = dockerHost.substring("unix://".length());
      return path.isEmpty() ? Optional.empty() : Optional.of(new EngineAddress(path, null, 0));
    }
    if (dockerHost.startsWith("tcp://")) {
      String rest = dockerHost.substring("tcp://".length());
      int slash = rest.indexOf('/');
      if (slash >= 0) {
        if (slash != rest.length() - 1) {
          return Optional.empty(); // a path prefix: docker-java handles those
        }
        rest = rest.substring(0, slash);
      }
      int colon = rest.lastIndexOf(':');
      try {
        int port = colon < 0 ? PLAIN_PORT : Integer.parseInt(rest.substring(colon + 1));
        String host = colon < 0 ? rest : rest.substring(0, colon);
        return port < 1 || port > 65535 || host.isEmpty() ? Optional.empty()
            : Optional.of(new EngineAddress(null, host, port));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A new connection to the engine, in blocking mode. */
  SocketChannel connect() throws IOException {
    if (unixPath != null) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(unixPath));
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      return channel;
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException("unknown host " + host);
    }
    SocketChannel channel = SocketChannel.open();
    try {
      channel.socket().connect(address, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  @Override
  public String toString() {
    return unixPath != null ? "unix://" + unixPath : "tcp://" + host + ":" + port;
  }
}
