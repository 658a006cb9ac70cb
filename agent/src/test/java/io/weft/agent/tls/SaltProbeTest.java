package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.weft.agent.UnitLocks;
import io.weft.common.agent.FleetPassword;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The probe against real TLS servers that hold an agent's identity, as the fleet's ports do: one
 * of this fleet, one of another fleet, one of the first scheme, and a port that never answers.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class SaltProbeTest {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple");
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** A mutual-TLS server as an agent runs one, on a free loopback port; counts its connections. */
  static NetServer agentServer(FleetCertificates fleet, List<String> alpn, AtomicInteger served) throws Exception {
    FleetTls tls = new FleetTls(fleet.issue("host1", List.of(InetAddress.getByName("127.0.0.1"))));
    NetServer server = vertx.createNetServer(tls.server("127.0.0.1", 0, alpn));
    server.connectHandler(socket -> {
      served.incrementAndGet();
      socket.write("secret");
    });
    return server.listen().await(5, TimeUnit.SECONDS);
  }

  static FleetCertificates fleetOf(FleetPassword password, FleetSalt salt) {
    return FleetCertificates.derive(KeyDerivation.derive(password, salt, DerivationCost.CHEAP), salt);
  }

  @Test
  void aHostOfTheFleetShowsItsSaltAndIsSignedByTheCaItsPasswordMakes() throws Exception {
    FleetSalt salt = FleetSalt.generate();
    FleetCertificates fleet = fleetOf(PASSWORD, salt);
    AtomicInteger served = new AtomicInteger();
    // the gateway offers ALPN; the event bus does not: the probe needs neither
    for (List<String> alpn : List.of(List.<String>of(), List.of("weft-hz/1", "weft-peers/1"))) {
      NetServer server = agentServer(fleet, alpn, served);
      SaltProbe.Answer answer = probe(server.actualPort()).ask(List.of("127.0.0.1")).get(0);
      assertTrue(answer.shown(), answer.failure());
      assertEquals(Optional.of(salt), FleetSalt.ofIssuer(answer.certificate().getIssuerX500Principal()));
      assertTrue(fleet.signed(answer.certificate()));
      assertFalse(fleetOf(FleetPassword.of("another password"), salt).signed(answer.certificate()));
      server.close().await(5, TimeUnit.SECONDS);
    }
    assertEquals(0, served.get(), "the probe never got through the handshake");
  }

  @Test
  void aHostOfAnotherFleetOrTheFirstSchemeShowsWhichItIs() throws Exception {
    FleetSalt theirs = FleetSalt.generate();
    NetServer other = agentServer(fleetOf(FleetPassword.of("their password"), theirs), List.of(), new AtomicInteger());
    NetServer old = agentServer(fleetOf(PASSWORD, FleetSalt.firstScheme()), List.of(), new AtomicInteger());
    SaltProbe.Answer fromOther = probe(other.actualPort()).ask(List.of("127.0.0.1")).get(0);
    assertEquals(Optional.of(theirs), FleetSalt.ofIssuer(fromOther.certificate().getIssuerX500Principal()));
    assertFalse(fleetOf(PASSWORD, theirs).signed(fromOther.certificate()), "another password's CA");
    SaltProbe.Answer fromOld = probe(old.actualPort()).ask(List.of("127.0.0.1")).get(0);
    assertEquals(Optional.of(FleetSalt.firstScheme()), FleetSalt.ofIssuer(fromOld.certificate().getIssuerX500Principal()));
    assertTrue(fleetOf(PASSWORD, FleetSalt.firstScheme()).signed(fromOld.certificate()));
    other.close().await(5, TimeUnit.SECONDS);
    old.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aSilentPortAClosedOneAndAPlainOneShowNothingWithinTheBound() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        ServerSocket plain = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread talker = new Thread(() -> {
        try (Socket s = plain.accept()) {
          s.getOutputStream().write("HTTP/1.0 400 no\r\n\r\n".getBytes());
          s.getInputStream().readNBytes(1);
        } catch (Exception ignored) {
          // the test's end
        }
      });
      talker.setDaemon(true);
      talker.start();
      int closed;
      try (ServerSocket s = new ServerSocket(0)) {
        closed = s.getLocalPort();
      }
      for (int port : new int[] {silent.getLocalPort(), closed, plain.getLocalPort()}) {
        long start = System.nanoTime();
        SaltProbe.Answer answer = new SaltProbe(List.of(port), 500, 500).ask(List.of("127.0.0.1")).get(0);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(answer.shown(), "port " + port);
        assertNull(answer.certificate());
        assertTrue(millis < 2500, "port " + port + " answered after " + millis + " ms");
      }
    }
  }

  @Test
  void theNextPortIsAskedWhenTheFirstShowsNothing() throws Exception {
    FleetSalt salt = FleetSalt.generate();
    NetServer server = agentServer(fleetOf(PASSWORD, salt), List.of(), new AtomicInteger());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SaltProbe.Answer answer = new SaltProbe(List.of(closed, server.actualPort()), 2000, 5000)
        .ask(List.of("127.0.0.1")).get(0);
    assertTrue(answer.shown(), answer.failure());
    server.close().await(5, TimeUnit.SECONDS);
  }

  /** Bounds wide enough for a loaded machine: a server's first handshake loads its classes. */
  private static SaltProbe probe(int port) {
    return new SaltProbe(List.of(port), 2000, 5000);
  }
}
