package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.UnitLocks;
import io.weft.agent.tls.FleetKeys;
import io.weft.agent.tls.FleetSalt;
import io.weft.agent.tls.KeyDerivation;
import io.weft.common.net.Ipv4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The TLS warm-up's word on candidates that did not take this host: one whose host answered no
 * connection (the member starts alone at once) and one that refused it (its agent may be starting:
 * Hazelcast's join still waits on it), on loopback.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class FleetProbeTest {

  private static final Duration BOUND = Duration.ofSeconds(2);
  private static SSLContext tls;

  @BeforeAll
  static void keys() {
    tls = FleetKeys.of(KeyDerivation.fromPassword("fleet-probe-test".toCharArray(), 1), FleetSalt.firstScheme(),
        "a", Ipv4.parse("127.0.0.1")).tls().identity().sslContext();
  }

  @Test
  void aPortThatRefusesTellsOfAHostThatIsThere() throws Exception {
    InetSocketAddress closed;
    try (ServerSocket once = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = (InetSocketAddress) once.getLocalSocketAddress();
    }
    FleetProbe.Outcome outcome = FleetProbe.probe(tls, List.of(closed), BOUND);
    assertFalse(outcome.reachedNone(), outcome.toString());
    assertEquals(List.of(), outcome.unreachable());
  }

  @Test
  void aHostThatAnswersNoConnectionIsReachedByNone() throws Exception {
    // a listener whose accept queue is full drops new connections' SYNs unanswered, as a host
    // that is not there does
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = fill(full);
      try {
        InetSocketAddress silent = (InetSocketAddress) full.getLocalSocketAddress();
        FleetProbe.Outcome outcome = FleetProbe.probe(tls, List.of(silent), BOUND);
        assertTrue(outcome.reachedNone(), outcome.toString());
        assertEquals(List.of(silent), outcome.unreachable());
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void oneCandidateThatRefusesIsEnoughNotToStartAlone() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = fill(full);
      InetSocketAddress closed;
      try (ServerSocket once = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = (InetSocketAddress) once.getLocalSocketAddress();
      }
      try {
        FleetProbe.Outcome outcome = FleetProbe.probe(tls,
            List.of((InetSocketAddress) full.getLocalSocketAddress(), closed), BOUND);
        assertFalse(outcome.reachedNone(), outcome.toString());
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void noCandidatesIsNotReachingNone() throws Exception {
    assertFalse(FleetProbe.probe(tls, List.of(), BOUND).reachedNone());
  }

  /** Connections queued on {@code server} until the next one goes unanswered. */
  private static List<Socket> fill(ServerSocket server) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(server.getLocalSocketAddress(), 300);
        queued.add(s);
      } catch (SocketTimeoutException unanswered) {
        s.close();
        return queued;
      }
    }
    throw new IllegalStateException("the accept queue never filled");
  }
}
