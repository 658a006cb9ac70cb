package io.weft.agent.bridge;

import static io.weft.agent.bridge.BridgeKit.frame;
import static io.weft.agent.bridge.BridgeKit.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each bridge client holds its own bounded share of the agent: requests in flight capped, its
 * commands marked as its own whatever it says, the connection slots shared between credentials,
 * frames that are not the protocol's refused, and a port someone else holds never stopping it.
 */
class BridgeSharesTest {

  private static BridgeKit kit;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    kit = new BridgeKit();
    port = BridgeKit.freePort();
    kit.bridge(port, BridgeContract.MAX_CLIENTS).listen().await(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    kit.close();
  }

  @Test
  void aPipeliningClientHasAtMostItsCapInFlightAndEveryReplyComes() throws Exception {
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    kit.vertx.eventBus().consumer(BusAddresses.host("slow"), m -> {
      most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
      // a slow host: the client's next requests pile up behind these
      kit.vertx.setTimer(20, t -> {
        outstanding.decrementAndGet();
        m.reply(new JsonObject().put("ok", true));
      });
    });
    BridgeKit.Credential reader = kit.credential("pipeliner", true);
    int sent = 60;
    try (SSLSocket socket = kit.connect(reader, port)) {
      for (int i = 0; i < sent; i++) {
        frame(socket, new JsonObject().put("type", "send").put("address", BusAddresses.host("slow"))
            .put("replyAddress", "r" + i).put("body", new JsonObject().put("verb", "ps")));
      }
      for (int i = 0; i < sent; i++) {
        assertEquals("message", read(socket).getString("type"));
      }
    }
    assertEquals(BridgeContract.MAX_IN_FLIGHT, most.get(), "requests in flight at once");
  }

  @Test
  void aClientsCommandsSayWhoSentThemWhateverItsOwnHeadersSay() throws Exception {
    List<String> origins = new CopyOnWriteArrayList<>();
    kit.vertx.eventBus().consumer(BusAddresses.host("marked"), m -> {
      origins.add(String.valueOf(m.headers().get(BusAddresses.ORIGIN_HEADER)));
      m.reply(new JsonObject());
    });
    BridgeKit.Credential reader = kit.credential("marker", true);
    try (SSLSocket socket = kit.connect(reader, port)) {
      frame(socket, new JsonObject().put("type", "send").put("address", BusAddresses.host("marked"))
          .put("replyAddress", "r").put("headers", new JsonObject().put(BusAddresses.ORIGIN_HEADER, "api:host1"))
          .put("body", new JsonObject().put("verb", "ps")));
      assertEquals("message", read(socket).getString("type"));
    }
    assertEquals(List.of("bridge:marker " + BridgeClient.serial(reader.certificate())), origins);
  }

  @Test
  void whenTheSlotsAreFullTheLargestHolderMakesRoomForAnother() throws Exception {
    int small = BridgeKit.freePort();
    BridgeServer two = kit.bridge(small, 2);
    two.listen().await(5, TimeUnit.SECONDS);
    BridgeKit.Credential greedy = kit.credential("greedy", true);
    BridgeKit.Credential modest = kit.credential("modest", true);
    try (SSLSocket first = kit.connect(greedy, small); SSLSocket second = kit.connect(greedy, small)) {
      ping(first);
      ping(second);
      try (SSLSocket other = kit.connect(modest, small)) {
        ping(other);
        String why = BridgeKit.closedWith(first);
        assertNotNull(why);
        assertTrue(why.contains("makes room"), why);
        ping(second);
        try (SSLSocket third = kit.connect(greedy, small)) {
          String refused = BridgeKit.closedWith(third);
          assertTrue(refused.contains("holds 1 of them"), refused);
        }
        ping(other);
      }
    } finally {
      two.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFrameWithAFieldNoFrameHasClosesTheConnection() throws Exception {
    try (SSLSocket socket = kit.connect(kit.credential("odd", false), port)) {
      frame(socket, new JsonObject().put("type", "send").put("address", BusAddresses.FLEET)
          .put("replyAddress", "r").put("body", new JsonObject().put("query", "peers"))
          .put("padding", "x".repeat(100)));
      String why = BridgeKit.closedWith(socket);
      assertTrue(why.contains("a field no frame has: padding"), why);
    }
  }

  @Test
  void aPortHeldByAnotherProcessDoesNotStopTheBridgeWhichServesOnceItIsFree() throws Exception {
    int held;
    BridgeServer late;
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      held = squatter.getLocalPort();
      late = kit.bridge(held, 10).retryEvery(100);
      late.listen().await(5, TimeUnit.SECONDS); // succeeds: the agent goes on
    }
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try (SSLSocket socket = kit.connect(kit.credential("patient", true), held)) {
          ping(socket);
          return;
        } catch (Exception notYet) {
          last = notYet;
          TimeUnit.MILLISECONDS.sleep(50); // polled, within the bound above
        }
      }
      throw new AssertionError("the bridge never served once the port was free", last);
    } finally {
      late.close().await(5, TimeUnit.SECONDS);
    }
  }

  private static void ping(SSLSocket socket) throws Exception {
    frame(socket, new JsonObject().put("type", "ping"));
    assertEquals("pong", read(socket).getString("type"));
  }
}
