package io.weft.agent.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.weft.agent.tls.FleetCertificates;
import io.weft.agent.tls.FleetTls;
import io.weft.agent.tls.KeyDerivation;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A forwarder and a gateway in one JVM on loopback aliases: client -> forwarder (127.0.0.3)
 * -> TLS -> gateway (127.0.0.1) -> target (127.0.0.2). What goes in comes out, back-pressure
 * reaches the sender, the directory answers, and a host of another fleet gets nothing through.
 */
class TunnelTest {

  private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();
  private Vertx vertx;
  private FleetCertificates fleet;
  private NetServer target;
  private TlsGateway gateway;
  private int gatewayPort;
  private int forwarderPort;
  private final AtomicLong received = new AtomicLong();
  private final AtomicReference<NetSocket> targetSide = new AtomicReference<>();
  private volatile boolean targetReads = true;

  static FleetCertificates fleetOf(String password) {
    return FleetCertificates.derive(KeyDerivation.fromPassword(password.toCharArray(), 1000));
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    fleet = fleetOf("pw");
    target = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.2").setPort(0));
    target.connectHandler(s -> {
      targetSide.set(s);
      s.handler(buf -> received.addAndGet(buf.length()));
      if (!targetReads) {
        s.pause();
      }
    });
    target.listen().await(5, TimeUnit.SECONDS);
    gatewayPort = freePort();
    gateway = new TlsGateway(vertx, tls(fleet, "b"),
        SocketAddress.inetSocketAddress(gatewayPort, "127.0.0.1"),
        new InetSocketAddress("127.0.0.2", target.actualPort()), p -> Future.succeededFuture(),
        () -> List.of(LoopbackMapping.ipv4("172.29.0.12"), LoopbackMapping.ipv4("172.29.0.13")));
    gateway.start().await(5, TimeUnit.SECONDS);
    forwarderPort = forwarder(tls(fleet, "a"));
  }

  private static FleetTls tls(FleetCertificates ca, String name) {
    return new FleetTls(ca.issue(name, List.of(LOCAL)));
  }

  /** A forwarder on 127.0.0.3 to the gateway; its port. */
  private int forwarder(FleetTls as) throws Exception {
    int port = freePort();
    new TlsForwarder(vertx, vertx.createNetClient(as.client(2000, TunnelProtocols.HAZELCAST)),
        new InetSocketAddress("127.0.0.3", port), SocketAddress.inetSocketAddress(gatewayPort, "127.0.0.1"))
        .start().await(5, TimeUnit.SECONDS);
    return port;
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void carriesBulkDataWhole() throws Exception {
    long total = 16L << 20;
    byte[] chunk = new byte[64 << 10];
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.3", forwarderPort)) {
      OutputStream out = s.getOutputStream();
      for (long sent = 0; sent < total; sent += chunk.length) {
        out.write(chunk);
      }
      out.flush();
      await("all bytes at the target", 30, () -> received.get() >= total);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("tunnel throughput: %.0f MB/s (16 MB in %.2f s)%n", 16 / seconds, seconds);
    assertEquals(total, received.get());
    assertEquals(0, gateway.refused());
  }

  @Test
  void backPressureReachesTheSender() throws Exception {
    targetReads = false;
    AtomicLong written = new AtomicLong();
    try (Socket s = new Socket("127.0.0.3", forwarderPort)) {
      Thread writer = new Thread(() -> {
        byte[] chunk = new byte[64 << 10];
        try {
          OutputStream out = s.getOutputStream();
          while (true) {
            out.write(chunk);
            written.addAndGet(chunk.length);
          }
        } catch (Exception e) {
          // closed at the end of the test
        }
      });
      writer.setDaemon(true);
      writer.start();
      // the sender stalls once the socket buffers and Vert.x's queues are full
      long[] last = {-1};
      long[] since = {System.nanoTime()};
      await("the sender blocked", 20, () -> {
        long now = written.get();
        if (now != last[0]) {
          last[0] = now;
          since[0] = System.nanoTime();
          return false;
        }
        return now > 0 && System.nanoTime() - since[0] > 500_000_000L;
      });
      assertTrue(written.get() < 64L << 20, "the tunnel buffered " + written.get() + " bytes");
      assertEquals(0, received.get());
    }
  }

  @Test
  void theDirectoryNamesTheMembersAndTheGatewayReadsAlpnOnTheServerSide() throws Exception {
    PeerDirectory directory = new PeerDirectory(vertx,
        vertx.createNetClient(tls(fleet, "c").client(2000, TunnelProtocols.PEERS)), gatewayPort);
    assertEquals(List.of(LoopbackMapping.ipv4("172.29.0.12"), LoopbackMapping.ipv4("172.29.0.13")),
        directory.membersOf((Inet4Address) InetAddress.getByName("127.0.0.1")).await(5, TimeUnit.SECONDS));
  }

  @Test
  void aHostOfAnotherFleetIsToldNothingAndGetsNothingThrough() throws Exception {
    FleetTls other = tls(fleetOf("not the fleet's"), "mallory");
    PeerDirectory directory = new PeerDirectory(vertx,
        vertx.createNetClient(other.client(2000, TunnelProtocols.PEERS)), gatewayPort);
    ExecutionException asked = assertThrows(ExecutionException.class,
        () -> directory.membersOf((Inet4Address) InetAddress.getByName("127.0.0.1"))
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertTrue(PeerRefusal.isForeignCertificate(asked.getCause()), String.valueOf(asked.getCause()));

    int port = forwarder(other);
    try (Socket s = new Socket("127.0.0.3", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("HZC".getBytes());
      // the forwarder closes at once: no retrying a peer that refused the certificate
      assertEquals(-1, s.getInputStream().read());
    }
    assertEquals(0, received.get());
    await("the gateway counted the refusals", 5, () -> gateway.refused() >= 1);
  }

  @Test
  void aPlainConnectionToTheGatewayReachesNothing() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gatewayPort)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("HZC\1\0\0\0\0\0\0\0\0\0\0\0\0".getBytes());
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // whatever TLS answers, until the gateway closes
      }
    }
    assertEquals(0, received.get());
    assertTrue(targetSide.get() == null);
  }

  @Test
  void aHalfCloseClosesBothWays() throws Exception {
    try (Socket s = new Socket("127.0.0.3", forwarderPort)) {
      s.getOutputStream().write("hello".getBytes());
      await("the target got it", 5, () -> received.get() == 5);
      s.shutdownOutput();
      s.setSoTimeout(5000);
      // Vert.x has no half-close: the FIN closes the pair. Neither Hazelcast nor the event bus
      // half-closes, so nothing weft carries depends on it.
      assertEquals(-1, s.getInputStream().read());
    }
  }

  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not so within " + seconds + " s");
      }
      Thread.sleep(10);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
