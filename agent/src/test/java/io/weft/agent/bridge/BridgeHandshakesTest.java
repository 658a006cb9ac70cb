package io.weft.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import io.weft.agent.UnitLocks;
import io.weft.agent.ports.HandshakeGate;
import io.weft.agent.tls.FleetTls;
import io.weft.agent.vertx.LimitedTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The bridge's port under a handshake flood, on a Vert.x built as the agent builds its own (the
 * transport that gates every TLS server): connections that open and never finish their handshake
 * hold at most 2 places per source address and 3 in all here; the next is closed as it is
 * accepted and counted; a place comes free when a handshake ends or its connection closes, and a
 * client with a credential is served again. Without the gate the third silent connection would
 * stay open, waiting for its hello: the test fails.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class BridgeHandshakesTest {

  private static final long HANDSHAKE_LONG_MS = 60_000;
  private final HandshakeGate gate = new HandshakeGate(2, 3);
  private final Vertx vertx = Vertx.builder().withTransport(LimitedTransport.forEventBus(-1, p -> { }, gate)).build();
  private final List<Socket> silent = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (Socket s : silent) {
      s.close();
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void silentHandshakesHoldAFewPlacesPerSourceAndInAllAndTheRestAreClosedAtOnce() throws Exception {
    try (BridgeKit kit = new BridgeKit()) {
      int port = BridgeKit.freePort();
      FleetTls tls = new FleetTls(kit.fleet.issue("host1", List.of(InetAddress.getByName("127.0.0.1"))));
      // a long handshake deadline, so that only the gate closes anything while the test runs
      NetServerOptions options = tls.server("0.0.0.0", port, kit.clients.authority())
          .setSslHandshakeTimeout(HANDSHAKE_LONG_MS).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
      BridgeServer bridge = new BridgeServer(vertx, "host1", options, kit.clients.authority(),
          kit.revocations, kit.feed, 10);
      bridge.listenOnce().await(5, TimeUnit.SECONDS);

      stall("127.0.0.1", port);
      stall("127.0.0.1", port);
      await("two handshakes under way", () -> gate.underWay() == 2);
      assertClosedAtOnce("127.0.0.1", port, "a third from the same address");
      assertEquals(1, gate.refused());

      stall("127.0.0.2", port);
      await("three under way", () -> gate.underWay() == 3);
      assertClosedAtOnce("127.0.0.3", port, "a fourth in all, from another address");
      assertEquals(2, gate.refused());

      // a silent one goes: its place is free, and a client with a credential is served
      silent.remove(0).close();
      await("its place freed", () -> gate.underWay() == 2);
      try (SSLSocket client = kit.connect(kit.credential("ci", true), port)) {
        await("a finished handshake holds no place", () -> gate.underWay() == 2);
        assertEquals(2, gate.refused());
      }
    }
  }

  /** A connection from {@code source} that sends nothing: a handshake that never goes on. */
  private void stall(String source, int port) throws Exception {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(source, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(2000);
    silent.add(socket);
  }

  private static void assertClosedAtOnce(String source, int port, String what) throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(5000);
      assertEquals(-1, socket.getInputStream().read(), what + " is closed as it is accepted");
    } catch (SocketTimeoutException e) {
      throw new AssertionError(what + " was left open, waiting for its hello", e);
    } catch (java.net.SocketException reset) {
      // the close met while connecting or reading (a reset, a broken pipe): closed all the same
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(10);
    }
  }
}
