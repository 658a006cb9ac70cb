package io.weft.agent.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.UnitLocks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The kernel holds the user timeout set on a connected channel (as Hazelcast's member connections are). */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class TcpUserTimeoutTest {

  @Test
  void theKernelHoldsTheTimeoutSetOnAChannel() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
          SocketChannel accepted = server.accept()) {
        assertTrue(TcpUserTimeout.isAvailable(), "the tests' JVM opens sun.nio.ch, as the agent's does");
        assertEquals(0, TcpUserTimeout.get(client), "the kernel's default: none");
        assertTrue(TcpUserTimeout.set(client, 2000));
        assertEquals(2000, TcpUserTimeout.get(client));
        assertEquals(0, TcpUserTimeout.get(accepted), "set on one socket alone");
      }
    }
  }

  /**
   * Why a connection ended at the bound is not proof that its peer's host is gone: a peer that
   * acknowledges everything but reads nothing (a JVM stalled or starved of CPU) closes its
   * receive window, and the bound ends the connection all the same. So TlsMember tries the member
   * port before it suspects the member; a host whose port answers is left to the heartbeats.
   */
  @Test
  void theBoundAlsoEndsAConnectionWhosePeerAcknowledgesButNeverReads() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
          SocketChannel accepted = server.accept()) { // its kernel lives; nothing ever reads it
        assertTrue(TcpUserTimeout.set(client, 1000));
        client.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        long start = System.nanoTime();
        IOException ended = null;
        while (ended == null && System.nanoTime() - start < 20_000_000_000L) {
          try {
            chunk.clear();
            if (client.write(chunk) == 0) {
              Thread.sleep(20); // the window is closed: the kernel probes it, and counts the bound
            }
          } catch (IOException e) {
            ended = e;
          }
        }
        assertNotNull(ended, "a connection to a peer that never reads outlived the bound by 19 s");
        assertTrue(String.valueOf(ended.getMessage()).contains("timed out"), String.valueOf(ended));
      }
    }
  }
}
