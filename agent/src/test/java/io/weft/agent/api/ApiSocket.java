package io.weft.agent.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Raw HTTP on the API's Unix socket, for the tests: what is sent is exactly what is written. */
final class ApiSocket {

  /** A reply: its status and its whole text (headers and body). */
  record Answer(int status, String text) {
    String body() {
      int at = text.indexOf("\r\n\r\n");
      return at < 0 ? "" : text.substring(at + 4);
    }
  }

  private ApiSocket() {}

  /** Sends {@code request} (an HTTP/1.0 one: the agent closes after its answer) and reads the answer. */
  static Answer exchange(Path socket, String request) throws IOException {
    return exchange(socket, request.getBytes(StandardCharsets.UTF_8));
  }

  static Answer exchange(Path socket, byte[] request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(request));
      return read(Channels.newInputStream(channel));
    }
  }

  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    return new Answer(Integer.parseInt(text.split(" ", 3)[1]), text);
  }

  static String post(String path, String body) {
    return "POST " + path + " HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  /** The image's weft-call script, from the source tree. */
  static String weftCall() throws IOException {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("docker/src/main/docker/weft-call");
      if (Files.exists(candidate)) {
        return io.weft.docker.image.AgentImage.withApiContract(Files.readString(candidate));
      }
    }
    throw new IllegalStateException("docker/src/main/docker/weft-call not found");
  }
}
