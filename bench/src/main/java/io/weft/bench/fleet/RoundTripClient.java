package io.weft.bench.fleet;

import io.weft.common.agent.AgentApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Run as root on the machine: sends {@code status} to another host through an agent's API (its
 * Unix socket, reached through {@code /proc/PID/root}), N times after a warm-up, on one kept-alive
 * connection, and prints each round trip in milliseconds.
 */
public final class RoundTripClient {

  public static void main(String[] args) throws Exception {
    String socket = args[0];
    String target = args[1];
    int count = Integer.parseInt(args[2]);
    String body = "{\"target\":\"" + target + "\",\"command\":{\"verb\":\"status\"}}";
    byte[] request = ("POST " + AgentApiContract.COMMAND_PATH + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      InputStream in = Channels.newInputStream(channel);
      for (int i = 0; i < count + 100; i++) {
        long start = System.nanoTime();
        channel.write(java.nio.ByteBuffer.wrap(request));
        String reply = reply(in);
        double millis = (System.nanoTime() - start) / 1e6;
        if (!reply.contains("\"ok\":true")) {
          throw new IllegalStateException("round trip failed: " + reply);
        }
        if (i >= 100) { // the first hundred warm both JVMs
          out.append(String.format(Locale.ROOT, "%.3f ", millis));
        }
      }
    }
    System.out.println(out.toString().strip());
  }

  /** One HTTP/1.1 reply's body, read by its Content-Length. */
  private static String reply(InputStream in) throws IOException {
    int length = -1;
    String line;
    while (!(line = line(in)).isEmpty()) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    if (length < 0) {
      throw new IOException("a reply without Content-Length");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("the agent closed the connection");
      }
      bytes.write(b);
    }
    return bytes.toString(StandardCharsets.US_ASCII).strip();
  }
}
