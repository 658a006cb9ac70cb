package io.weft.agent.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport against a real Vert.x: a server on the event bus's port gets the frame limit in
 * every connection it accepts, and closes one that announces too much; a server on any other
 * port is left alone; on a port the kernel picks, the first server is the event bus's and its
 * port is told. Fails if Vert.x stops building its servers through the transport.
 */
class LimitedTransportTest {

  private static final String HOST = "127.0.0.1";
  private Vertx vertx;
  private int busPort;

  @BeforeEach
  void start() throws Exception {
    busPort = freePort();
    vertx = Vertx.builder().withTransport(LimitedTransport.forEventBus(busPort)).build();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void theEventBusPortCutsAFrameAnnouncingTooMuch() throws Exception {
    AtomicInteger received = new AtomicInteger();
    listen(busPort, received);
    NetClient client = vertx.createNetClient();
    NetSocket socket = client.connect(busPort, HOST).await(5, TimeUnit.SECONDS);
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    // a frame within the bound passes whole, then one announcing 256 MiB closes the connection
    socket.write(Buffer.buffer().appendInt(16).appendBytes(new byte[16]));
    long end = System.nanoTime() + 10_000_000_000L;
    while (received.get() < 20 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    socket.write(Buffer.buffer().appendInt(256 << 20).appendBytes(new byte[1024]));
    closed.future().await(10, TimeUnit.SECONDS);
    assertEquals(20, received.get(), "what the server read before the frame over the bound");
  }

  @Test
  void anotherPortIsLeftAlone() throws Exception {
    int other = freePort();
    AtomicInteger received = new AtomicInteger();
    listen(other, received);
    NetSocket socket = vertx.createNetClient().connect(other, HOST).await(5, TimeUnit.SECONDS);
    socket.write(Buffer.buffer().appendInt(256 << 20).appendBytes(new byte[1024]));
    long end = System.nanoTime() + 10_000_000_000L;
    while (received.get() < 1028 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(1028, received.get());
    assertTrue(!socket.isSsl());
    socket.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void onAPortTheKernelPicksTheFirstServerIsTheEventBusAndItsPortIsTold() throws Exception {
    CompletableFuture<Integer> told = new CompletableFuture<>();
    Vertx picking = Vertx.builder().withTransport(LimitedTransport.forEventBus(0, told::complete)).build();
    try {
      AtomicInteger bus = new AtomicInteger();
      NetServer first = listen(picking, 0, bus);
      assertEquals(first.actualPort(), told.get(5, TimeUnit.SECONDS), "the bound port, as the server has it");
      NetSocket socket = picking.createNetClient().connect(first.actualPort(), HOST).await(5, TimeUnit.SECONDS);
      Promise<Void> closed = Promise.promise();
      socket.closeHandler(v -> closed.tryComplete());
      socket.write(Buffer.buffer().appendInt(256 << 20).appendBytes(new byte[1024]));
      closed.future().await(10, TimeUnit.SECONDS);
      assertEquals(0, bus.get(), "the event bus's server cut the frame announcing too much");

      AtomicInteger other = new AtomicInteger();
      NetServer second = listen(picking, 0, other);
      NetSocket plain = picking.createNetClient().connect(second.actualPort(), HOST).await(5, TimeUnit.SECONDS);
      plain.write(Buffer.buffer().appendInt(256 << 20).appendBytes(new byte[1024]));
      long end = System.nanoTime() + 10_000_000_000L;
      while (other.get() < 1028 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(1028, other.get(), "a later server on a port the kernel picks is left alone");
    } finally {
      picking.close().await(5, TimeUnit.SECONDS);
    }
  }

  private void listen(int port, AtomicInteger received) throws Exception {
    listen(vertx, port, received);
  }

  private static NetServer listen(Vertx vertx, int port, AtomicInteger received) throws Exception {
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost(HOST).setPort(port));
    server.connectHandler(s -> s.handler(b -> received.addAndGet(b.length())));
    return server.listen().await(5, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }
}
