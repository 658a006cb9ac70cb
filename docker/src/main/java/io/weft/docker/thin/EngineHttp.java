package io.weft.docker.thin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange with the Docker engine on a connection of its own, closed after it; the
 * whole response is read to the end, within a bound. Enough HTTP for the engine's API: bodies
 * by length, chunked, or to the end of the connection (a hijacked exec stream).
 */
final class EngineHttp {

  /** A response: status and body, the body de-chunked. */
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private EngineHttp() {}

  static Response exchange(EngineAddress engine, String method, String path, String jsonBody,
      long boundMillis) throws IOException {
    byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
        + (jsonBody == null ? "" : "Content-Type: application/json\r\n")
        + "Content-Length: " + body.length + "\r\n\r\n";
    try (SocketChannel channel = engine.connect(); Deadline deadline = new Deadline(channel, boundMillis)) {
      ByteBuffer request = ByteBuffer.allocate(head.length() + body.length);
      request.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
      while (request.hasRemaining()) {
        channel.write(request);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
      try {
        while (channel.read(chunk.clear()) >= 0) {
          all.write(chunk.array(), 0, chunk.position());
        }
      } catch (IOException e) {
        if (deadline.expired()) {
          throw new EngineTimeoutException(method + " " + path + " took over " + boundMillis + " ms");
        }
        throw e;
      }
      return parse(all.toByteArray());
    }
  }

  /** A whole response as read off the connection. */
  static Response parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new IOException("the Docker engine's answer is not HTTP");
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      throw new IOException("the Docker engine's answer has no status: " + lines[0]);
    }
    int length = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].toLowerCase(Locale.ROOT);
      if (line.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
        chunked = true;
      }
    }
    int start = end + 4;
    if (chunked) {
      return new Response(status, dechunk(raw, start));
    }
    int stop = length < 0 ? raw.length : Math.min(raw.length, start + length);
    byte[] body = new byte[stop - start];
    System.arraycopy(raw, start, body, 0, body.length);
    return new Response(status, body);
  }

  private static byte[] dechunk(byte[] raw, int at) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] crlf = {'\r', '\n'};
    while (true) {
      int lineEnd = indexOf(raw, crlf, at);
      if (lineEnd < 0) {
        throw new IOException("the Docker engine's chunked answer ends early");
      }
      String size = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
      int semicolon = size.indexOf(';');
      int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
      if (length == 0) {
        return body.toByteArray();
      }
      int from = lineEnd + 2;
      if (from + length > raw.length) {
        throw new IOException("the Docker engine's chunked answer ends early");
      }
      body.write(raw, from, length);
      at = from + length + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Closes the connection when the bound passes, which ends a read blocked on it. */
  private static final class Deadline implements AutoCloseable {
    private final Thread watcher;
    private volatile boolean expired;

    Deadline(SocketChannel channel, long boundMillis) {
      watcher = new Thread(() -> {
        try {
          Thread.sleep(boundMillis); // the bound itself: interrupted when the exchange ends first
          expired = true;
          channel.close();
        } catch (InterruptedException | IOException e) {
          // the exchange ended in time, or the channel is closed already
        }
      }, "weft-engine-deadline");
      watcher.setDaemon(true);
      watcher.start();
    }

    boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      watcher.interrupt();
    }
  }
}
