package io.weft.agent.bridge;

import static io.weft.agent.bridge.BridgeKit.frame;
import static io.weft.agent.bridge.BridgeKit.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.agent.UnitLocks;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Each bridge client holds its own bounded share of the agent: requests in flight capped, its
 * commands marked as its own whatever it says, the connection slots shared between credentials,
 * frames that are not the protocol's refused, and a port someone else holds never stopping it.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class BridgeSharesTest {

  @RegisterExtension
  static final OneBridge bridge = new OneBridge();

  @Test
  void aPipeliningClientHasAtMostItsCapInFlightAndEveryReplyComes() throws Exception {
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    bridge.kit.vertx.eventBus().consumer(BusAddresses.host("slow"), m -> {
      most.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
      // a slow host: the client's next requests pile up behind these
      bridge.kit.vertx.setTimer(20, t -> {
        outstanding.decrementAndGet();
        m.reply(new JsonObject().put("ok", true));
      });
    });
    BridgeKit.Credential reader = bridge.kit.credential("pipeliner", true);
    int sent = 60;
    try (SSLSocket socket = bridge.kit.connect(reader, bridge.port)) {
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
    bridge.kit.vertx.eventBus().consumer(BusAddresses.host("marked"), m -> {
      origins.add(String.valueOf(m.headers().get(BusAddresses.ORIGIN_HEADER)));
      m.reply(new JsonObject());
    });
    BridgeKit.Credential reader = bridge.kit.credential("marker", true);
    try (SSLSocket socket = bridge.kit.connect(reader, bridge.port)) {
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
    BridgeServer two = bridge.kit.bridge(small, 2);
    two.listen().await(5, TimeUnit.SECONDS);
    BridgeKit.Credential greedy = bridge.kit.credential("greedy", true);
    BridgeKit.Credential modest = bridge.kit.credential("modest", true);
    try (SSLSocket first = bridge.kit.connect(greedy, small); SSLSocket second = bridge.kit.connect(greedy, small)) {
      ping(first);
      ping(second);
      try (SSLSocket other = bridge.kit.connect(modest, small)) {
        ping(other);
        String why = BridgeKit.closedWith(first);
        assertNotNull(why);
        assertTrue(why.contains("makes room"), why);
        ping(second);
        try (SSLSocket third = bridge.kit.connect(greedy, small)) {
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
    try (SSLSocket socket = bridge.kit.connect(bridge.kit.credential("odd", false), bridge.port)) {
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
      late = bridge.kit.bridge(held, 10).retryEvery(100);
      late.listen().await(5, TimeUnit.SECONDS); // succeeds: the agent goes on
    }
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try (SSLSocket socket = bridge.kit.connect(bridge.kit.credential("patient", true), held)) {
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
