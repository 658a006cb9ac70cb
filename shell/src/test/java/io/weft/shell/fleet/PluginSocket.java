package io.weft.shell.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Raw HTTP on a plugin socket, for requests no Docker would send. */
final class PluginSocket {

  /** The status code and the body of an answer. */
  record Answer(int status, String body) {}

  private PluginSocket() {}

  static Answer post(Path socket, String path, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: plugin\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
      channel.write(ByteBuffer.wrap(content));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (channel.read(buffer) > 0) {
        answer.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      return new Answer(status, text.substring(text.indexOf("\r\n\r\n") + 4));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot talk to " + socket, e);
    }
  }
}
