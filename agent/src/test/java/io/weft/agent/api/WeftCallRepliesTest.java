package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.api.WeftCallOnSocket.Run;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How {@code weft-call} reads a reply that does not come in one piece, from an API that writes
 * exactly the bytes a case gives: only the wait for the reply's first line is bounded, so a body
 * that comes later is still read whole, and a reply cut short is never printed as an answer.
 */
class WeftCallRepliesTest {

  private static final String BODY = "{\"replies\":[]}";

  @RegisterExtension
  final WeftCallOnSocket api = new WeftCallOnSocket();

  private ServerSocketChannel server;

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aBodyThatComesAfterItsHeadersIsReadWhole() throws Exception {
    serve(List.of(head(BODY.length()), BODY), 300);
    Run ps = api.run("{\"command\":{\"verb\":\"ps\"}}");
    assertEquals(0, ps.status(), ps.stderr());
    assertEquals(BODY, ps.stdout());
  }

  @Test
  void aReplyCutShortIsNeverPrintedAsTheAnswer() throws Exception {
    serve(List.of(head(100) + BODY), 0); // 100 announced, fewer sent, then the agent is gone
    Run ps = api.run("{\"command\":{\"verb\":\"ps\"}}");
    assertEquals(3, ps.status(), ps.stderr());
    assertEquals("", ps.stdout());
  }

  @Test
  void aSessionSaysSoWhenAReplyIsCutShort() throws Exception {
    serve(List.of(head(100) + BODY), 0);
    Process session = api.start("--lines");
    try (BufferedWriter in = session.outputWriter(StandardCharsets.UTF_8);
        BufferedReader out = session.inputReader(StandardCharsets.UTF_8)) {
      in.write("{\"command\":{\"verb\":\"ps\"}}\n");
      in.flush();
      String reply = out.readLine();
      assertTrue(reply.contains("AGENT_NOT_RUNNING"), reply);
    }
    assertTrue(session.waitFor(5, TimeUnit.SECONDS));
  }

  private static String head(int length) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
  }

  /**
   * Accepts one connection, reads the request's first bytes, writes {@code pieces} with {@code
   * pauseMillis} between them, and closes it.
   */
  private void serve(List<String> pieces, long pauseMillis) throws IOException {
    Files.createDirectories(api.socket.getParent());
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(api.socket));
    CompletableFuture.runAsync(() -> {
      try (SocketChannel connection = server.accept()) {
        connection.read(ByteBuffer.allocate(4096)); // the request: any, here
        for (int i = 0; i < pieces.size(); i++) {
          if (i > 0) {
            Thread.sleep(pauseMillis); // the agent's reply in two writes, apart
          }
          connection.write(ByteBuffer.wrap(pieces.get(i).getBytes(StandardCharsets.UTF_8)));
        }
      } catch (IOException | InterruptedException e) {
        // the test's assertions tell what weft-call made of it
      }
    });
  }
}
