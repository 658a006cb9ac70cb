package io.weft.docker.thin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's answers as they come off the wire: by length, chunked, and to the end. */
class EngineHttpTest {

  @TempDir Path dir;

  @Test
  void aBodyByLengthStopsAtItsLength() throws IOException {
    EngineHttp.Response r = EngineHttp.parse(bytes(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"Id\":1}\nextra"));
    assertEquals(201, r.status());
    assertEquals("{\"Id\":1}\n", r.text());
  }

  @Test
  void aChunkedBodyIsJoined() throws IOException {
    EngineHttp.Response r = EngineHttp.parse(bytes(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n"));
    assertEquals("{\"a\":1}", r.text());
  }

  @Test
  void aHijackedStreamRunsToTheEnd() throws IOException {
    byte[] frame = {1, 0, 0, 0, 0, 0, 0, 2, 'o', 'k'};
    byte[] head = bytes("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n");
    byte[] raw = new byte[head.length + frame.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    System.arraycopy(frame, 0, raw, head.length, frame.length);
    assertArrayEquals(frame, EngineHttp.parse(raw).body());
  }

  @Test
  void somethingElseIsNotHttp() {
    assertThrows(IOException.class, () -> EngineHttp.parse(bytes("SSH-2.0-OpenSSH\r\n")));
    assertThrows(IOException.class, () -> EngineHttp.parse(bytes("HTTP/1.1 OK\r\n\r\n")));
  }

  @Test
  void aCutChunkIsAnError() {
    assertThrows(IOException.class, () -> EngineHttp.parse(bytes(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort")));
  }

  @Test
  void anExchangeOverAUnixSocketSendsTheRequestAndReadsTheAnswer() throws Exception {
    Path socket = dir.resolve("engine.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      StringBuilder seen = new StringBuilder();
      Thread engine = new Thread(() -> {
        try (SocketChannel client = server.accept()) {
          ByteBuffer in = ByteBuffer.allocate(4096);
          while (!seen.toString().endsWith("{\"x\":1}")) {
            in.clear();
            client.read(in);
            seen.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
          }
          client.write(ByteBuffer.wrap(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      engine.start();
      EngineHttp.Response r = EngineHttp.exchange(new EngineAddress(socket.toString(), null, 0),
          "POST", "/exec/1/start", "{\"x\":1}", 10_000);
      engine.join(10_000);
      assertEquals("ok", r.text());
      assertTrue(seen.toString().startsWith("POST /exec/1/start HTTP/1.1\r\n"), seen.toString());
      assertTrue(seen.toString().contains("Content-Length: 7\r\n"), seen.toString());
    }
  }

  @Test
  void anEngineThatNeverAnswersEndsInATimeout() throws Exception {
    Path socket = dir.resolve("silent.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      EngineTimeoutException e = assertThrows(EngineTimeoutException.class, () -> EngineHttp.exchange(
          new EngineAddress(socket.toString(), null, 0), "GET", "/_ping", null, 300));
      assertTrue(e.getMessage().contains("took over 300 ms"), e.getMessage());
    }
  }

  @Test
  void noEngineAtThePathIsAnIoError() {
    Path missing = dir.resolve("none.sock");
    IOException e = assertThrows(IOException.class, () -> EngineHttp.exchange(
        new EngineAddress(missing.toString(), null, 0), "GET", "/_ping", null, 1000));
    assertTrue(!(e instanceof EngineTimeoutException));
    assertTrue(Files.notExists(missing));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
