package io.weft.agent.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.agent.UnitLocks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class GoneCheckTest {

  @Test
  void aPortNothingListensOnIsRefusedAndOneThatListensIsNot() throws Exception {
    InetSocketAddress port;
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort());
      assertEquals(GoneCheck.Answer.LISTENING, GoneCheck.probe(port, GoneCheck.BOUND));
    }
    // the member's process is gone, its host's kernel answers
    assertEquals(GoneCheck.Answer.REFUSED, GoneCheck.probe(port, GoneCheck.BOUND));
  }
}
