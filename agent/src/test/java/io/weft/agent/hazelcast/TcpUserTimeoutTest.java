package io.weft.agent.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** The kernel holds the user timeout set on a connected channel (as Hazelcast's member connections are). */
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
}
